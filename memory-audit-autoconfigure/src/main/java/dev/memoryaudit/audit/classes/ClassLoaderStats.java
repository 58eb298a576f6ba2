package dev.memoryaudit.audit.classes;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Parses {@code VM.classloader_stats} (JDK 11 to 25: {@code ClassLoader Parent CLD* Classes ChunkSz BlockSz Type}, a
 * {@code + hidden classes} line under a loader that has them) into figures per loader type.
 */
public final class ClassLoaderStats {

	/** Loader types kept at most; the rest are summed under {@link #OTHER}. */
	static final int MAX_TYPES = 500;

	static final String OTHER = "(other types)";

	private static final Pattern SPACES = Pattern.compile("\\s+");

	private ClassLoaderStats() {
	}

	/**
	 * Sums the loaders of each type.
	 * @param output the command's output
	 * @return figures per loader type, empty when the output has no loader lines
	 */
	public static Map<String, TypeFigures> parse(String output) {
		Map<String, long[]> types = new HashMap<>();
		long[] last = null;
		for (String line : output.split("\n")) {
			String trimmed = line.strip();
			if (trimmed.startsWith("0x")) {
				String[] fields = SPACES.split(trimmed, 7);
				if (fields.length < 7) {
					last = null;
					continue;
				}
				String type = fields[6].strip();
				long[] figures = types.get(type);
				if (figures == null) {
					type = (types.size() < MAX_TYPES) ? type : OTHER;
					figures = types.computeIfAbsent(type, (t) -> new long[3]);
				}
				figures[0]++;
				figures[1] += number(fields[3]);
				figures[2] += number(fields[4]);
				last = figures;
			}
			else if (last != null && trimmed.endsWith("+ hidden classes")) {
				String[] fields = SPACES.split(trimmed);
				if (fields.length >= 3) {
					last[1] += number(fields[0]);
					last[2] += number(fields[1]);
				}
				last = null;
			}
			else {
				last = null;
			}
		}
		Map<String, TypeFigures> result = new HashMap<>();
		types.forEach((type, f) -> result.put(type, new TypeFigures(type, f[0], f[1], f[2])));
		return result;
	}

	/**
	 * The types whose classes grew most between two readings, largest growth first.
	 * @param before the earlier reading
	 * @param now the later reading
	 * @return growth per type (classes and loaders added), only types that grew
	 */
	public static List<TypeGrowth> growth(Map<String, TypeFigures> before, Map<String, TypeFigures> now) {
		List<TypeGrowth> grown = new ArrayList<>();
		now.forEach((type, figures) -> {
			TypeFigures old = before.get(type);
			long classes = figures.classes() - ((old != null) ? old.classes() : 0);
			long loaders = figures.loaders() - ((old != null) ? old.loaders() : 0);
			long bytes = figures.chunkBytes() - ((old != null) ? old.chunkBytes() : 0);
			if (classes > 0 || loaders > 0) {
				grown.add(new TypeGrowth(type, loaders, classes, bytes, figures));
			}
		});
		grown.sort(Comparator.comparingLong(TypeGrowth::classes)
			.thenComparingLong(TypeGrowth::loaders)
			.reversed()
			.thenComparing(TypeGrowth::type));
		return grown;
	}

	private static long number(String field) {
		try {
			return Long.parseLong(field);
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

	/**
	 * The loaders of one type.
	 *
	 * @param type the loader's class name ({@code <boot class loader>} for the boot loader)
	 * @param loaders how many loaders of this type are alive
	 * @param classes classes they define, hidden classes included
	 * @param chunkBytes metaspace chunks they hold
	 */
	public record TypeFigures(String type, long loaders, long classes, long chunkBytes) {

	}

	/**
	 * How the loaders of one type grew.
	 *
	 * @param type the loader's class name
	 * @param loaders loaders added
	 * @param classes classes added
	 * @param chunkBytes metaspace added
	 * @param now the figures now
	 */
	public record TypeGrowth(String type, long loaders, long classes, long chunkBytes, TypeFigures now) {

	}

}
