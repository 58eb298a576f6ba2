package dev.memoryaudit.nativememory;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Parses the output of {@code VM.native_memory summary} (JDK 17 to 25 layouts).
 */
public final class NmtSummaryParser {

	private static final Pattern TOTAL = Pattern
		.compile("^Total: reserved=(\\d+)([KMG]?B)?, committed=(\\d+)([KMG]?B)?");

	private static final Pattern CATEGORY = Pattern
		.compile("^-\\s+(.+?) \\(reserved=(\\d+)([KMG]?B)?, committed=(\\d+)([KMG]?B)?");

	private NmtSummaryParser() {
	}

	/**
	 * Parses a summary.
	 * @param output the command output
	 * @return the summary, or {@code null} when the output has no total (NMT off, or an unknown layout)
	 */
	public static @Nullable NmtSummary parse(String output) {
		Long reserved = null;
		Long committed = null;
		Map<String, Long> categories = new LinkedHashMap<>();
		for (String raw : output.split("\\R")) {
			String line = raw.strip();
			Matcher total = TOTAL.matcher(line);
			if (total.find()) {
				reserved = bytes(total.group(1), total.group(2));
				committed = bytes(total.group(3), total.group(4));
				continue;
			}
			Matcher category = CATEGORY.matcher(line);
			if (category.find()) {
				categories.merge(slug(category.group(1)), bytes(category.group(4), category.group(5)), Long::sum);
			}
		}
		if (reserved == null) {
			return null;
		}
		return new NmtSummary(reserved, committed, categories);
	}

	/**
	 * The slug of a category name: lower case, runs of other characters as one hyphen.
	 * @param category e.g. {@code Java Heap}
	 * @return e.g. {@code java-heap}
	 */
	public static String slug(String category) {
		String slug = category.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
		return slug.replaceAll("^-|-$", "");
	}

	private static long bytes(String number, @Nullable String unit) {
		long value = Long.parseLong(number);
		if (unit == null) {
			return value * 1024; // the default scale is KB
		}
		return switch (unit) {
			case "B" -> value;
			case "KB" -> value * 1024;
			case "MB" -> value * 1024 * 1024;
			case "GB" -> value * 1024 * 1024 * 1024;
			default -> value;
		};
	}

}
