package dev.memoryaudit.actuate;

import org.jspecify.annotations.Nullable;

/**
 * Parses optional numeric endpoint parameters, reporting what was wrong instead of throwing.
 */
final class Parameters {

	private Parameters() {
	}

	/**
	 * Parses a non-negative long.
	 * @param name the parameter name, for the message
	 * @param value the raw value, may be {@code null}
	 * @return the parsed value, {@code null} when absent
	 * @throws BadParameterException when malformed or negative
	 */
	static @Nullable Long optionalLong(String name, @Nullable String value, long min, long max) {
		if (value == null || value.isBlank()) {
			return null;
		}
		long parsed;
		try {
			parsed = Long.parseLong(value.trim());
		}
		catch (NumberFormatException ex) {
			throw new BadParameterException("'" + name + "' must be a whole number, got '" + abbreviate(value) + "'",
					min + " to " + max);
		}
		if (parsed < min || parsed > max) {
			throw new BadParameterException("'" + name + "' is out of range, got " + parsed, min + " to " + max);
		}
		return parsed;
	}

	static String abbreviate(String value) {
		String printable = value.codePoints()
			.map((c) -> Character.isISOControl(c) ? '?' : c)
			.collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
			.toString();
		return (printable.length() > 40) ? printable.substring(0, 40) + "…" : printable;
	}

	/**
	 * A parameter that was malformed or out of range.
	 */
	static final class BadParameterException extends RuntimeException {

		private final String allowed;

		BadParameterException(String message, String allowed) {
			super(message);
			this.allowed = allowed;
		}

		String allowed() {
			return this.allowed;
		}

	}

}
