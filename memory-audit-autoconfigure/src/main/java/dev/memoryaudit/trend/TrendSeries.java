package dev.memoryaudit.trend;

import org.jspecify.annotations.Nullable;

/**
 * A time series to assess: times in epoch seconds, values in the series' unit.
 *
 * @param name the series name
 * @param unit the unit of the values ({@code bytes}, {@code threads}, ...)
 * @param times epoch seconds, ascending
 * @param values the values
 * @param ceiling the value the series exhausts at (heap max, FD limit), or {@code null}
 * @param minimumGrowth growth over the window below which the series reads STABLE, in the series' unit
 */
public record TrendSeries(String name, String unit, double[] times, double[] values, @Nullable Double ceiling,
		double minimumGrowth) {

	public TrendSeries {
		if (times.length != values.length) {
			throw new IllegalArgumentException("times and values differ in length");
		}
	}

	public int size() {
		return this.values.length;
	}

	/**
	 * The last {@code count} points of this series.
	 * @param count how many points
	 * @return the tail
	 */
	public TrendSeries tail(int count) {
		int from = Math.max(0, this.values.length - count);
		return new TrendSeries(this.name, this.unit, java.util.Arrays.copyOfRange(this.times, from, this.times.length),
				java.util.Arrays.copyOfRange(this.values, from, this.values.length), this.ceiling, this.minimumGrowth);
	}

	/**
	 * The points at or after the given time.
	 * @param epochSeconds the earliest time kept
	 * @return the points from then on
	 */
	public TrendSeries since(double epochSeconds) {
		int from = 0;
		while (from < this.times.length && this.times[from] < epochSeconds) {
			from++;
		}
		return tail(this.times.length - from);
	}

}
