package dev.memoryaudit.trend.stats;

import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Theil–Sen robust line fit: the slope is the median of all pairwise slopes, so up to ~29% of arbitrary outliers
 * (a GC spike, a one-off cache fill) cannot drag it.
 */
public final class TheilSen {

	/**
	 * Largest number of points fitted exactly; longer series are thinned to this many evenly spaced points (see
	 * {@link #fit(double[], double[])}). 2,000 points are ~2 million pairwise slopes, a 16 MB scratch array when the
	 * quadratic fallback runs.
	 */
	public static final int MAX_POINTS = 2_000;

	/**
	 * Consistency constant that makes the median absolute deviation estimate the standard deviation of normal noise.
	 */
	public static final double MAD_TO_SIGMA = 1.4826;

	private TheilSen() {
	}

	/**
	 * Fits {@code y = intercept + slope * x}. The slope is the median of {@code (y[j] - y[i]) / (x[j] - x[i])} over all
	 * pairs {@code i < j} with {@code x[i] != x[j]} (mean of the two middle slopes if their count is even); the
	 * intercept is the median of {@code y[i] - slope * x[i]}. {@code x} need not be sorted and may repeat. The median is
	 * exact (the same slope a sort of all pair slopes gives) and usually found by randomized slope selection in
	 * O(n log n) expected time; inputs where that cannot tell fall back to O(n²) methods (see
	 * {@link PairwiseSlopes}).
	 * If there are more than {@link #MAX_POINTS} points, the fit uses only the points at indices
	 * {@code round(k (n - 1) / (MAX_POINTS - 1))} for {@code k = 0 .. MAX_POINTS - 1}: deterministic, evenly spaced,
	 * always keeping the first and last point; {@link LineFit#n()} then reports {@code MAX_POINTS}.
	 * @param x abscissae (e.g. seconds since the first sample)
	 * @param y observations, paired with {@code x}
	 * @return the fit
	 * @throws IllegalArgumentException if the arrays differ in length, have fewer than 2 points, hold non-finite
	 * values, or all (used) {@code x} values are equal
	 */
	public static LineFit fit(double[] x, double[] y) {
		Checks.requirePaired(x, y, 2);
		double[] xs = x;
		double[] ys = y;
		if (x.length > MAX_POINTS) {
			xs = thin(x, MAX_POINTS);
			ys = thin(y, MAX_POINTS);
		}
		int m = xs.length;
		double slope = medianPairwiseSlope(xs, ys) + 0.0; // + 0.0 turns -0.0 into 0.0
		double[] offsets = new double[m];
		for (int i = 0; i < m; i++) {
			offsets[i] = ys[i] - slope * xs[i];
		}
		double intercept = Quantiles.medianInPlace(offsets, m) + 0.0;
		return new LineFit(slope, intercept, m);
	}

	/**
	 * Robust noise scale around a fit: {@value #MAD_TO_SIGMA} × the median of {@code |y[i] - fit.valueAt(x[i])|} over
	 * all points (no thinning). For normal noise this estimates its standard deviation; outliers barely move it.
	 * @param x abscissae
	 * @param y observations, paired with {@code x}
	 * @param fit the line to measure residuals against (usually from {@link #fit(double[], double[])})
	 * @return the robust residual scale, {@code >= 0}
	 * @throws IllegalArgumentException if the arrays differ in length, are empty or hold non-finite values
	 */
	public static double residualScale(double[] x, double[] y, LineFit fit) {
		Checks.requirePaired(x, y, 1);
		Objects.requireNonNull(fit, "fit");
		double[] residuals = new double[x.length];
		for (int i = 0; i < x.length; i++) {
			residuals[i] = Math.abs(y[i] - fit.valueAt(x[i]));
		}
		return MAD_TO_SIGMA * Quantiles.medianInPlace(residuals, residuals.length);
	}

	/**
	 * Median of the pairwise slopes over pairs with distinct x. From {@value #FAST_MIN_PAIRS} pairs on, randomized
	 * slope selection ({@link PairwiseSlopes}) finds it in O(n log n) expected time; where that cannot tell (a sample
	 * that missed, a bracket holding too many slopes, magnitudes outside its error bounds) the quadratic methods below
	 * decide. Small inputs: all slopes into one array, then selection. Large inputs (at least
	 * {@value #SAMPLING_MIN_PAIRS} pairs): a Floyd–Rivest style bracket, so no n²-sized array is allocated: (1) a
	 * fixed-seed pseudo-random sample of {@value #SAMPLE_SIZE} pair slopes is drawn and its order statistics a few
	 * standard errors either side of the median, found by selection, give a bracket {@code [lo, hi]}; (2) one pass
	 * over all pairs counts slopes below {@code lo}, equal to {@code lo} or {@code hi}, and keeps those strictly
	 * inside; (3) the middle rank(s) are resolved from the counts or by selection among the kept slopes. If the bracket
	 * misses a middle rank or holds too many slopes, it falls back to the exact array method. Every path gives the
	 * exact median of the slopes as {@link #medianBySelection(double[], double[])} computes them (a zero median may
	 * differ in its sign, which {@link #fit(double[], double[])} drops); only the running time depends on the input.
	 */
	static double medianPairwiseSlope(double[] x, double[] y) {
		PairwiseSlopes slopes = new PairwiseSlopes(x, y);
		long pairs = slopes.pairs();
		if (pairs == 0) {
			throw new IllegalArgumentException("all x values are equal; the slope is undefined");
		}
		if (pairs >= FAST_MIN_PAIRS) {
			double median = slopes.median();
			if (!Double.isNaN(median)) {
				return median;
			}
		}
		if (pairs >= SAMPLING_MIN_PAIRS) {
			double median = bracketedMedian(x, y, pairs);
			if (!Double.isNaN(median)) {
				return median;
			}
		}
		return medianBySelection(x, y);
	}

	static final long FAST_MIN_PAIRS = 2_000;

	static final long SAMPLING_MIN_PAIRS = 50_000;

	static final int SAMPLE_SIZE = 8_192;

	/** Slack, in sample order statistics, on each side of the median's expected sample rank (4.5 binomial SDs). */
	private static final int SAMPLE_MARGIN = (int) Math.ceil(4.5 * Math.sqrt(SAMPLE_SIZE * 0.25));

	private static final long SAMPLE_SEED = 0x5EED_7E11_5E11L;

	static double medianBySelection(double[] x, double[] y) {
		int m = x.length;
		double[] slopes = new double[m * (m - 1) / 2];
		int count = 0;
		for (int i = 0; i < m - 1; i++) {
			double xi = x[i];
			double yi = y[i];
			for (int j = i + 1; j < m; j++) {
				double dx = x[j] - xi;
				if (dx != 0.0) {
					slopes[count++] = (y[j] - yi) / dx;
				}
			}
		}
		return Quantiles.medianInPlace(slopes, count);
	}

	/** Returns the exact median of the pair slopes, or NaN if the sampled bracket missed (caller falls back). */
	private static double bracketedMedian(double[] x, double[] y, long pairs) {
		int m = x.length;
		SplittableRandom random = new SplittableRandom(SAMPLE_SEED);
		double[] sample = new double[SAMPLE_SIZE];
		int taken = 0;
		for (int attempt = 0; attempt < 4 * SAMPLE_SIZE && taken < SAMPLE_SIZE; attempt++) {
			int i = random.nextInt(m);
			int j = random.nextInt(m);
			double dx = x[j] - x[i];
			if (dx != 0.0) {
				sample[taken++] = (y[j] - y[i]) / dx;
			}
		}
		if (taken < SAMPLE_SIZE) {
			return Double.NaN; // x is mostly ties; the exact method is cheap enough then
		}
		long rankHigh = pairs / 2; // 0-based ranks of the middle slope(s)
		long rankLow = (pairs % 2 == 1) ? rankHigh : rankHigh - 1;
		int center = (int) ((double) rankHigh / pairs * SAMPLE_SIZE);
		// two selections instead of sorting the sample: the same order statistics at a fraction of the cost
		double lo = Quantiles.select(sample, SAMPLE_SIZE, Math.max(0, center - SAMPLE_MARGIN));
		double hi = Quantiles.select(sample, SAMPLE_SIZE, Math.min(SAMPLE_SIZE - 1, center + SAMPLE_MARGIN));

		if (!Double.isFinite(lo) || !Double.isFinite(hi)) {
			return Double.NaN;
		}
		double mid = 0.5 * lo + 0.5 * hi;
		double reach = hi - lo; // mid lies in [lo, hi], so every s in [lo, hi] has |s - mid| <= hi - lo
		int capacity = (int) Math.min(Integer.MAX_VALUE - 8,
				4 * pairs * (2L * SAMPLE_MARGIN + 1) / SAMPLE_SIZE + 1024);
		double[] inside = new double[capacity];
		int kept = 0;
		long below = 0;
		long atLo = 0;
		long atHi = 0;
		for (int i = 0; i < m - 1; i++) {
			double xi = x[i];
			double yi = y[i];
			for (int j = i + 1; j < m; j++) {
				double dx = x[j] - xi;
				if (dx == 0.0) {
					continue;
				}
				double s = (y[j] - yi) / dx;
				below += Double.doubleToRawLongBits((s - lo) + 0.0) >>> 63; // s < lo, branch-free (+ 0.0 clears the sign of -0.0)
				if (Math.abs(s - mid) <= reach && s >= lo && s <= hi) { // cheap superset test first
					if (s == lo) {
						atLo++;
					}
					else if (s == hi) {
						atHi++;
					}
					else if (kept < capacity) {
						inside[kept++] = s;
					}
					else {
						return Double.NaN;
					}
				}
			}
		}
		double low = rankValue(rankLow, below, atLo, inside, kept, atHi, lo, hi);
		double high = (rankHigh == rankLow) ? low : rankValue(rankHigh, below, atLo, inside, kept, atHi, lo, hi);
		return (rankHigh == rankLow) ? low : 0.5 * low + 0.5 * high; // 0.5 * v + 0.5 * v would round a subnormal v
	}

	/** Slope of the given overall rank from the bracket counts, or NaN if that rank lies outside the bracket. */
	private static double rankValue(long rank, long below, long atLo, double[] inside, int kept, long atHi, double lo,
			double hi) {
		long r = rank - below;
		if (r < 0) {
			return Double.NaN;
		}
		if (r < atLo) {
			return lo;
		}
		r -= atLo;
		if (r < kept) {
			return Quantiles.select(inside, kept, (int) r);
		}
		r -= kept;
		return (r < atHi) ? hi : Double.NaN;
	}

	static double[] thin(double[] values, int count) {
		int n = values.length;
		double[] out = new double[count];
		for (int k = 0; k < count; k++) {
			out[k] = values[(int) Math.round((double) k * (n - 1) / (count - 1))];
		}
		return out;
	}

}
