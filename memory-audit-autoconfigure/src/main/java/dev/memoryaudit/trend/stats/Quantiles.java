package dev.memoryaudit.trend.stats;

import java.util.Arrays;

/**
 * Median and quantiles of {@code double} samples, computed by selection (expected linear time) on a private copy.
 */
public final class Quantiles {

	private Quantiles() {
	}

	/**
	 * Returns the sample median: the middle value, or the mean of the two middle values for an even count.
	 * @param values finite values in any order; not modified
	 * @return the median
	 * @throws IllegalArgumentException if {@code values} is empty or holds a non-finite value
	 */
	public static double median(double[] values) {
		Checks.requireFinite(values, "values", 1);
		double[] copy = values.clone();
		return medianInPlace(copy, copy.length);
	}

	/**
	 * Returns the {@code p}-quantile with linear interpolation between order statistics, i.e. R's default
	 * {@code quantile(type = 7)}: with sorted values {@code v}, {@code h = (n - 1) p} and the result is
	 * {@code v[floor(h)] + (h - floor(h)) (v[floor(h) + 1] - v[floor(h)])}.
	 * @param values finite values in any order; not modified
	 * @param p probability in {@code [0, 1]}
	 * @return the quantile; {@code p = 0} gives the minimum, {@code p = 1} the maximum
	 * @throws IllegalArgumentException if {@code values} is empty, holds a non-finite value, or {@code p} is outside
	 * {@code [0, 1]}
	 */
	public static double quantile(double[] values, double p) {
		if (!(p >= 0.0 && p <= 1.0)) {
			throw new IllegalArgumentException("p must be in [0, 1] but is " + p);
		}
		Checks.requireFinite(values, "values", 1);
		double[] copy = values.clone();
		int n = copy.length;
		double h = (n - 1) * p;
		int lower = (int) Math.floor(h);
		double fraction = h - lower;
		double low = select(copy, n, lower);
		if (fraction == 0.0 || lower + 1 >= n) {
			return low;
		}
		double high = min(copy, lower + 1, n);
		return low + fraction * (high - low);
	}

	/**
	 * Median of {@code a[0, length)}, reordering that range; the caller owns {@code a}.
	 */
	static double medianInPlace(double[] a, int length) {
		if (length <= 0) {
			throw new IllegalArgumentException("median of an empty sample");
		}
		int upper = length / 2;
		double high = select(a, length, upper);
		if ((length & 1) == 1) {
			return high;
		}
		// select leaves a[0, upper) <= a[upper], so the lower middle value is the largest of that range
		double low = max(a, 0, upper);
		return 0.5 * low + 0.5 * high;
	}

	/**
	 * Returns the {@code k}-th smallest (0-based) of {@code a[0, length)} and partitions that range around it, so
	 * afterwards {@code a[i] <= a[k]} for {@code i < k} and {@code a[i] >= a[k]} for {@code i > k}. Hoare partitioning
	 * with a median-of-three pivot (copes with many equal values); falls back to sorting the remaining range if the
	 * pivots keep being poor, so the worst case is O(n log n).
	 */
	static double select(double[] a, int length, int k) {
		return select(a, 0, length, k);
	}

	/**
	 * Returns the element that would be at index {@code k} if {@code a[from, to)} were sorted, and partitions that
	 * range around it like {@link #select(double[], int, int)}; {@code from <= k < to}.
	 */
	static double select(double[] a, int from, int to, int k) {
		if (k < from || k >= to || from < 0 || to > a.length) {
			throw new IllegalArgumentException("k=" + k + " out of range [" + from + ", " + to + ")");
		}
		int lo = from;
		int hi = to - 1;
		int rounds = 2 * (32 - Integer.numberOfLeadingZeros(to - from)) + 16;
		while (lo < hi) {
			if (rounds-- == 0) {
				Arrays.sort(a, lo, hi + 1);
				return a[k];
			}
			int mid = (lo + hi) >>> 1;
			double pivot = medianOfThree(a[lo], a[mid], a[hi]);
			int i = lo;
			int j = hi;
			while (i <= j) {
				while (a[i] < pivot) {
					i++;
				}
				while (a[j] > pivot) {
					j--;
				}
				if (i <= j) {
					double t = a[i];
					a[i] = a[j];
					a[j] = t;
					i++;
					j--;
				}
			}
			// now a[lo..j] <= pivot, a[i..hi] >= pivot, and everything strictly between j and i equals pivot
			if (k <= j) {
				hi = j;
			}
			else if (k >= i) {
				lo = i;
			}
			else {
				return a[k];
			}
		}
		return a[k];
	}

	private static double medianOfThree(double a, double b, double c) {
		if (a < b) {
			return (b < c) ? b : Math.max(a, c);
		}
		return (a < c) ? a : Math.max(b, c);
	}

	private static double max(double[] a, int from, int to) {
		double m = a[from];
		for (int i = from + 1; i < to; i++) {
			if (a[i] > m) {
				m = a[i];
			}
		}
		return m;
	}

	private static double min(double[] a, int from, int to) {
		double m = a[from];
		for (int i = from + 1; i < to; i++) {
			if (a[i] < m) {
				m = a[i];
			}
		}
		return m;
	}

}
