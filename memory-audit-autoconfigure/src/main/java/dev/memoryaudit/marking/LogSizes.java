package dev.memoryaudit.marking;

import java.util.Locale;

/**
 * Sizes as HotSpot's unified logging prints them: a whole number and a unit, {@code B}, {@code K}, {@code M} or
 * {@code G} (binary multiples).
 */
final class LogSizes {

	private LogSizes() {
	}

	static long bytes(String number, String unit) {
		long value = Long.parseLong(number);
		return switch (unit.toUpperCase(Locale.ROOT)) {
			case "K" -> value * 1024;
			case "M" -> value * 1024 * 1024;
			case "G" -> value * 1024 * 1024 * 1024;
			default -> value;
		};
	}

}
