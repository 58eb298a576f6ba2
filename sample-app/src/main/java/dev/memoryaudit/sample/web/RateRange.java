package dev.memoryaudit.sample.web;

/**
 * An inclusive range of allowed allocation rates, in bytes per second, that parses and validates request parameters.
 *
 * @param min the smallest allowed rate, in bytes per second
 * @param max the largest allowed rate, in bytes per second
 */
public record RateRange(long min, long max) {

	/** One mebibyte, in bytes. */
	public static final long MIB = 1024L * 1024L;

	public RateRange {
		if (min <= 0 || max < min) {
			throw new IllegalArgumentException("Invalid rate range " + min + ".." + max);
		}
	}

	/**
	 * Parses a raw request parameter, falling back to a default when it is absent or blank.
	 * @param raw the raw parameter value, possibly {@code null}
	 * @param defaultValue the rate to use when no value was given
	 * @return the validated rate, in bytes per second
	 * @throws InvalidRateException if the value is not a whole number or lies outside this range
	 */
	public long parse(String raw, long defaultValue) {
		if (raw == null || raw.isBlank()) {
			return check(defaultValue);
		}
		long value;
		try {
			value = Long.parseLong(raw.strip());
		}
		catch (NumberFormatException ex) {
			throw new InvalidRateException("bytesPerSecond must be a whole number of bytes per second, got '"
					+ abbreviate(raw) + "'", describe());
		}
		return check(value);
	}

	/**
	 * Validates a rate.
	 * @param value the rate, in bytes per second
	 * @return the rate, unchanged
	 * @throws InvalidRateException if the rate lies outside this range
	 */
	public long check(long value) {
		if (value < this.min || value > this.max) {
			throw new InvalidRateException("bytesPerSecond must be between " + this.min + " and " + this.max
					+ " bytes per second, got " + value, describe());
		}
		return value;
	}

	/**
	 * Describes this range for humans.
	 * @return a description such as {@code "1 to 67108864 bytes per second (64 MiB/s)"}
	 */
	public String describe() {
		return this.min + " to " + this.max + " bytes per second (" + formatMib(this.max) + " max)";
	}

	private static String formatMib(long bytes) {
		if (bytes % MIB == 0) {
			return (bytes / MIB) + " MiB/s";
		}
		return bytes + " B/s";
	}

	private static String abbreviate(String raw) {
		return (raw.length() <= 40) ? raw : raw.substring(0, 40) + "...";
	}

}
