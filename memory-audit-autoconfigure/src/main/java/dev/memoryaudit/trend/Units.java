package dev.memoryaudit.trend;

import java.util.Locale;

/**
 * Formats values of a series for people: bytes in binary units, counts as plain numbers.
 */
public final class Units {

	private static final String[] BYTE_UNITS = { "B", "KiB", "MiB", "GiB", "TiB" };

	private Units() {
	}

	/**
	 * Formats a value in the given unit.
	 * @param value the value
	 * @param unit {@code bytes} or a count unit
	 * @return the formatted value
	 */
	public static String format(double value, String unit) {
		if ("bytes".equals(unit)) {
			return bytes(value);
		}
		if (Math.abs(value) >= 100 || value == Math.rint(value)) {
			return String.format(Locale.ROOT, "%.0f %s", value, unit);
		}
		return String.format(Locale.ROOT, "%.2f %s", value, unit);
	}

	/**
	 * Formats bytes in binary units, e.g. {@code 12.3 MiB}.
	 * @param bytes the bytes, may be negative
	 * @return the formatted value
	 */
	public static String bytes(double bytes) {
		double abs = Math.abs(bytes);
		int unit = 0;
		while (abs >= 1024 && unit < BYTE_UNITS.length - 1) {
			abs /= 1024;
			unit++;
		}
		String sign = (bytes < 0) ? "-" : "";
		return (unit == 0) ? String.format(Locale.ROOT, "%s%.0f B", sign, abs)
				: String.format(Locale.ROOT, "%s%.1f %s", sign, abs, BYTE_UNITS[unit]);
	}

	/**
	 * Formats a duration the way properties take it, e.g. {@code 1h}, {@code 90m}, {@code 45s}.
	 * @param duration the duration
	 * @return the formatted duration
	 */
	public static String duration(java.time.Duration duration) {
		long seconds = duration.getSeconds();
		if (seconds > 0 && seconds % 3600 == 0) {
			return (seconds / 3600) + "h";
		}
		if (seconds > 0 && seconds % 60 == 0) {
			return (seconds / 60) + "m";
		}
		return (duration.getNano() == 0) ? seconds + "s" : duration.toMillis() + "ms";
	}

}
