package dev.memoryaudit.autoconfigure;

import java.time.Duration;

import org.springframework.util.unit.DataSize;

/**
 * Setter validation shared by the configuration properties classes; every message names the property, the allowed
 * values and the rejected value.
 */
final class PropertyChecks {

	private PropertyChecks() {
	}

	static Duration positive(String property, Duration value) {
		if (value == null || value.isNegative() || value.isZero()) {
			throw new IllegalArgumentException(property + " must be a positive duration (e.g. 1m), was " + value);
		}
		return value;
	}

	static Duration notNegative(String property, Duration value) {
		if (value == null || value.isNegative()) {
			throw new IllegalArgumentException(property + " must be zero or a positive duration, was " + value);
		}
		return value;
	}

	static DataSize positive(String property, DataSize value) {
		if (value == null || value.toBytes() < 1) {
			throw new IllegalArgumentException(property + " must be positive, was " + value);
		}
		return value;
	}

	static DataSize notNegative(String property, DataSize value) {
		if (value == null || value.isNegative()) {
			throw new IllegalArgumentException(property + " must be zero or positive, was " + value);
		}
		return value;
	}

	static int atLeast(String property, int min, int value) {
		if (value < min) {
			throw new IllegalArgumentException(property + " must be at least " + min + ", was " + value);
		}
		return value;
	}

	static long atLeast(String property, long min, long value) {
		if (value < min) {
			throw new IllegalArgumentException(property + " must be at least " + min + ", was " + value);
		}
		return value;
	}

	static double between(String property, double min, double max, double value) {
		if (!(value >= min && value <= max)) {
			throw new IllegalArgumentException(property + " must be between " + min + " and " + max + ", was " + value);
		}
		return value;
	}

	/**
	 * Checks a rule that has no dedicated method; the message reads {@code <property> must be <requirement>, was
	 * <value>}.
	 * @param <T> the type of the value
	 * @param property the property name
	 * @param valid whether the value is allowed
	 * @param requirement the allowed values, as text
	 * @param value the value
	 * @return the value
	 */
	static <T> T require(String property, boolean valid, String requirement, T value) {
		if (!valid) {
			throw new IllegalArgumentException(property + " must be " + requirement + ", was " + value);
		}
		return value;
	}

}
