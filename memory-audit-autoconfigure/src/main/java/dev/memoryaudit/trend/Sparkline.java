package dev.memoryaudit.trend;

/**
 * Renders values as Unicode block characters (▁▂▃▄▅▆▇█), scaled between their minimum and maximum.
 */
public final class Sparkline {

	private static final char[] BLOCKS = { '▁', '▂', '▃', '▄', '▅', '▆', '▇', '█' };

	private Sparkline() {
	}

	/**
	 * Renders at most {@code width} characters; longer input is averaged into buckets.
	 * @param values the values
	 * @param width the maximum number of characters
	 * @return the sparkline, empty for no values
	 */
	public static String render(double[] values, int width) {
		if (values.length == 0 || width < 1) {
			return "";
		}
		double[] buckets = bucket(values, width);
		double min = Double.POSITIVE_INFINITY;
		double max = Double.NEGATIVE_INFINITY;
		for (double value : buckets) {
			min = Math.min(min, value);
			max = Math.max(max, value);
		}
		StringBuilder line = new StringBuilder(buckets.length);
		for (double value : buckets) {
			int level = (max > min) ? (int) Math.round((value - min) / (max - min) * (BLOCKS.length - 1)) : 0;
			line.append(BLOCKS[level]);
		}
		return line.toString();
	}

	private static double[] bucket(double[] values, int width) {
		if (values.length <= width) {
			return values;
		}
		double[] buckets = new double[width];
		for (int bucket = 0; bucket < width; bucket++) {
			int from = (int) ((long) bucket * values.length / width);
			int to = (int) ((long) (bucket + 1) * values.length / width);
			double sum = 0;
			for (int i = from; i < to; i++) {
				sum += values[i];
			}
			buckets[bucket] = sum / Math.max(1, to - from);
		}
		return buckets;
	}

}
