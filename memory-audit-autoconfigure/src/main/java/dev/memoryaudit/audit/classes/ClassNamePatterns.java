package dev.memoryaudit.audit.classes;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Folds generated class names into patterns ({@code jdk.proxy3.$Proxy12} becomes {@code jdk.proxy*.$Proxy*},
 * {@code Foo$$Lambda/0x00007f...} becomes {@code Foo$$Lambda*}) and counts the classes of the loaders of one type
 * in the output of {@code VM.classloaders show-classes}.
 */
public final class ClassNamePatterns {

	private static final Pattern LAMBDA = Pattern.compile("\\$\\$Lambda[^.]*$");

	private static final Pattern HIDDEN_SUFFIX = Pattern.compile("/0x[0-9a-fA-F]+");

	private static final Pattern HEX = Pattern.compile("(?<=[$_])[0-9a-fA-F]{8,}");

	private static final Pattern DIGITS = Pattern.compile("[0-9]+");

	/** Patterns counted at most per reading. */
	static final int MAX_PATTERNS = 200;

	private ClassNamePatterns() {
	}

	/**
	 * The pattern of a class name.
	 * @param className the name
	 * @return digits folded to {@code *}, hidden-class and lambda suffixes folded
	 */
	public static String fold(String className) {
		String name = HIDDEN_SUFFIX.matcher(className).replaceAll("");
		name = LAMBDA.matcher(name).replaceAll(java.util.regex.Matcher.quoteReplacement("$$Lambda*"));
		name = HEX.matcher(name).replaceAll("*");
		return DIGITS.matcher(name).replaceAll("*");
	}

	/**
	 * Counts the class-name patterns of every loader of one type in a loader tree.
	 * @param tree the output of {@code VM.classloaders show-classes}
	 * @param loaderType the loader's class name
	 * @return classes per pattern, most first
	 */
	public static Map<String, Long> count(String tree, String loaderType) {
		Map<String, Long> counts = new HashMap<>();
		boolean inLoader = false;
		boolean inClasses = false;
		for (String line : tree.split("\n")) {
			String text = strip(line);
			if (text.startsWith("+-- ")) {
				inLoader = loaderType.equals(loaderType(text.substring(4)));
				inClasses = false;
				continue;
			}
			if (!inLoader) {
				continue;
			}
			String name = null;
			int colon = text.indexOf("Classes: ");
			if (colon >= 0 && (colon == 0 || text.startsWith("Hidden Classes: "))) {
				inClasses = true;
				name = text.substring(colon + "Classes: ".length());
			}
			else if (inClasses && !text.isEmpty() && !text.startsWith("(")) {
				name = text;
			}
			else if (text.startsWith("(") || text.isEmpty()) {
				inClasses = false;
			}
			if (name != null) {
				int space = name.indexOf(' ');
				String className = (space > 0) ? name.substring(0, space) : name;
				String pattern = fold(className);
				if (counts.containsKey(pattern) || counts.size() < MAX_PATTERNS) {
					counts.merge(pattern, 1L, Long::sum);
				}
			}
		}
		Map<String, Long> sorted = new LinkedHashMap<>();
		counts.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
			.forEach((e) -> sorted.put(e.getKey(), e.getValue()));
		return sorted;
	}

	/**
	 * The loader's class name in a tree line: {@code "app", jdk.internal...AppClassLoader} or
	 * {@code com.example.Loader (+ 3 more)}.
	 * @param text the text after {@code +-- }
	 * @return the class name
	 */
	static String loaderType(String text) {
		String type = text.strip();
		if (type.startsWith("\"")) {
			int comma = type.indexOf("\", ");
			type = (comma >= 0) ? type.substring(comma + 3) : type;
		}
		int more = type.indexOf(" (");
		type = (more >= 0) ? type.substring(0, more) : type;
		int space = type.indexOf(' ');
		return (space >= 0) ? type.substring(0, space) : type;
	}

	private static String strip(String line) {
		int i = 0;
		while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '|')) {
			i++;
		}
		return line.substring(i).strip();
	}

}
