package dev.memoryaudit.histogram;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One line of a class histogram: a class, its module and how many instances and bytes it holds on the heap.
 *
 * @param className the class name as the JVM prints it, for example {@code [B}, {@code java.lang.String},
 * {@code [Ljava.lang.Object;} or a hidden class such as {@code com.example.Foo$$Lambda/0x0000000801234}
 * @param module the module with its version as printed in the suffix, for example {@code java.base@17.0.15}, or
 * {@code null} when the class is in an unnamed module (the JVM then prints no suffix)
 * @param instances the number of instances
 * @param bytes the shallow size of all instances in bytes
 */
public record ClassHistogramEntry(String className, @Nullable String module, long instances, long bytes) {

	public ClassHistogramEntry {
		Objects.requireNonNull(className, "className");
		if (className.isBlank()) {
			throw new IllegalArgumentException("className must not be blank");
		}
		if (instances < 0 || bytes < 0) {
			throw new IllegalArgumentException("instances and bytes must not be negative, got " + instances + " and " + bytes);
		}
	}

	/**
	 * Returns the class name with JVM array descriptors turned into source-like names, for example {@code [B} into
	 * {@code byte[]}, {@code [[I} into {@code int[][]} and {@code [Ljava.lang.Object;} into
	 * {@code java.lang.Object[]}; any other name, including a malformed descriptor, is returned unchanged.
	 * @return the readable class name
	 */
	public String displayName() {
		return displayName(this.className);
	}

	static String displayName(String className) {
		int dimensions = 0;
		while (dimensions < className.length() && className.charAt(dimensions) == '[') {
			dimensions++;
		}
		if (dimensions == 0) {
			return className;
		}
		String element = elementName(className.substring(dimensions));
		return (element != null) ? element + "[]".repeat(dimensions) : className;
	}

	private static @Nullable String elementName(String descriptor) {
		if (descriptor.length() == 1) {
			return switch (descriptor.charAt(0)) {
				case 'B' -> "byte";
				case 'C' -> "char";
				case 'D' -> "double";
				case 'F' -> "float";
				case 'I' -> "int";
				case 'J' -> "long";
				case 'S' -> "short";
				case 'Z' -> "boolean";
				default -> null;
			};
		}
		if (descriptor.length() > 2 && descriptor.charAt(0) == 'L' && descriptor.endsWith(";")) {
			return descriptor.substring(1, descriptor.length() - 1);
		}
		return null;
	}

}
