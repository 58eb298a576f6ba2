package dev.memoryaudit.histogram;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Parses the text printed by {@code jcmd <pid> GC.class_histogram} or returned by the DiagnosticCommand MBean
 * operation {@code gcClassHistogram}.
 * <p>
 * An entry line is {@code <num>: <instances> <bytes> <class name>[ (<module>[@<version>])]}; the JVM prints the
 * module suffix only for classes in named modules. The class name is everything between the byte count and the
 * optional module suffix, so a name containing spaces survives. The parser tolerates a leading {@code <pid>:} line
 * (jcmd), header and separator lines, blank lines and CR/LF line endings; any other line is skipped and counted
 * rather than failing the parse. When the {@code Total} line is missing the totals are summed from the entries.
 */
public final class ClassHistogramParser {

	static final int MAX_SKIPPED_SAMPLES = 5;

	private static final Pattern LINE_BREAK = Pattern.compile("\\r\\n|\\r|\\n");

	private static final Pattern ENTRY = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S.*?)\\s*$");

	private static final Pattern MODULE_SUFFIX = Pattern.compile("^(.*\\S)\\s+\\(([^()\\s]+)\\)$");

	private static final Pattern TOTAL = Pattern.compile("^\\s*Total\\s+(\\d+)\\s+(\\d+)\\s*$");

	private static final Pattern PID = Pattern.compile("^\\s*\\d+:\\s*$");

	private static final Pattern HEADER = Pattern.compile("^\\s*(num\\s+#instances.*|-{5,})\\s*$");

	private static final Comparator<ClassHistogramEntry> LARGEST_FIRST = Comparator
		.comparingLong(ClassHistogramEntry::bytes)
		.thenComparingLong(ClassHistogramEntry::instances)
		.reversed();

	private ClassHistogramParser() {
	}

	/**
	 * Parses a class histogram and keeps its {@code topN} largest entries by bytes.
	 * @param text the histogram text
	 * @param topN how many entries to keep, at least 1
	 * @param live whether the histogram counted live objects only (captured without {@code -all})
	 * @param capturedAt when the capture started
	 * @param duration how long the capture took
	 * @return the histogram, whose totals and class count cover all entries, not only the retained ones
	 * @throws IllegalArgumentException if {@code topN} is not positive or the text holds no histogram entry at all
	 */
	public static ClassHistogram parse(String text, int topN, boolean live, Instant capturedAt, Duration duration) {
		return parseDetailed(text, topN, live, capturedAt, duration).histogram();
	}

	/**
	 * Parses a class histogram like {@link #parse} and also reports the lines that were skipped.
	 * @param text the histogram text
	 * @param topN how many entries to keep, at least 1
	 * @param live whether the histogram counted live objects only (captured without {@code -all})
	 * @param capturedAt when the capture started
	 * @param duration how long the capture took
	 * @return the histogram with parse diagnostics
	 * @throws IllegalArgumentException if {@code topN} is not positive or the text holds no histogram entry at all
	 */
	public static HistogramParseResult parseDetailed(String text, int topN, boolean live, Instant capturedAt,
			Duration duration) {
		if (topN < 1) {
			throw new IllegalArgumentException("topN must be at least 1, got " + topN);
		}
		List<ClassHistogramEntry> entries = new ArrayList<>();
		List<String> skippedSamples = new ArrayList<>();
		int skipped = 0;
		long @Nullable [] total = null;
		for (String line : LINE_BREAK.split(text, -1)) {
			if (line.isBlank() || PID.matcher(line).matches() || HEADER.matcher(line).matches()) {
				continue;
			}
			ClassHistogramEntry entry = parseEntry(line);
			if (entry != null) {
				entries.add(entry);
				continue;
			}
			long[] parsedTotal = parseTotal(line);
			if (parsedTotal != null) {
				total = parsedTotal;
				continue;
			}
			skipped++;
			if (skippedSamples.size() < MAX_SKIPPED_SAMPLES) {
				skippedSamples.add(line.strip());
			}
		}
		if (entries.isEmpty()) {
			throw new IllegalArgumentException("No class histogram entry found in " + describe(text) + " ("
					+ skipped + " unrecognized lines" + (skippedSamples.isEmpty() ? "" : ", first: '" + skippedSamples.get(0) + "'")
					+ ")");
		}
		boolean totalLinePresent = total != null;
		if (total == null) {
			total = new long[] { 0, 0 };
			for (ClassHistogramEntry entry : entries) {
				total[0] += entry.instances();
				total[1] += entry.bytes();
			}
		}
		int classCount = entries.size();
		entries.sort(LARGEST_FIRST);
		List<ClassHistogramEntry> retained = entries.subList(0, Math.min(topN, classCount));
		ClassHistogram histogram = new ClassHistogram(retained, total[0], total[1], classCount, live, capturedAt,
				duration);
		return new HistogramParseResult(histogram, skipped, skippedSamples, totalLinePresent);
	}

	private static @Nullable ClassHistogramEntry parseEntry(String line) {
		Matcher matcher = ENTRY.matcher(line);
		if (!matcher.matches()) {
			return null;
		}
		long instances = parseLong(matcher.group(1));
		long bytes = parseLong(matcher.group(2));
		if (instances < 0 || bytes < 0) {
			return null;
		}
		String rest = matcher.group(3);
		Matcher module = MODULE_SUFFIX.matcher(rest);
		if (module.matches()) {
			return new ClassHistogramEntry(module.group(1), module.group(2), instances, bytes);
		}
		return new ClassHistogramEntry(rest, null, instances, bytes);
	}

	private static long @Nullable [] parseTotal(String line) {
		Matcher matcher = TOTAL.matcher(line);
		if (!matcher.matches()) {
			return null;
		}
		long instances = parseLong(matcher.group(1));
		long bytes = parseLong(matcher.group(2));
		return (instances < 0 || bytes < 0) ? null : new long[] { instances, bytes };
	}

	private static long parseLong(String digits) {
		try {
			return Long.parseLong(digits);
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

	private static String describe(String text) {
		return text.isEmpty() ? "empty text" : text.length() + " characters";
	}

}
