package dev.memoryaudit.trend.stats;

import java.util.Objects;

/**
 * Argument validation shared by the statistics in this package.
 */
final class Checks {

	private Checks() {
	}

	static void requireFinite(double[] values, String name, int minLength) {
		Objects.requireNonNull(values, name);
		if (values.length < minLength) {
			throw new IllegalArgumentException(
					name + " needs at least " + minLength + " values but has " + values.length);
		}
		for (int i = 0; i < values.length; i++) {
			if (!Double.isFinite(values[i])) {
				throw new IllegalArgumentException(name + "[" + i + "] is not finite: " + values[i]);
			}
		}
	}

	static void requirePaired(double[] x, double[] y, int minLength) {
		requireFinite(x, "x", minLength);
		requireFinite(y, "y", minLength);
		if (x.length != y.length) {
			throw new IllegalArgumentException(
					"x and y differ in length: " + x.length + " != " + y.length);
		}
	}

}
