package dev.memoryaudit.trend.stats;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Exact order statistics of the pairwise slopes {@code (y[j] - y[i]) / (x[j] - x[i])} of a point set, as computed in
 * floating point, in O(n log n) expected time plus the slopes near the answer, instead of looking at all n²/2 pairs.
 * <p>
 * Randomized slope selection (J. Matoušek, "Randomized optimal algorithm for slope selection", 1991; M. B.
 * Dillencourt, D. M. Mount, N. S. Netanyahu, "A randomized algorithm for slope selection", 1992): a sample of pair
 * slopes brackets the wanted rank by {@code [lo, hi]}. A slope is below a bound {@code t} when the points' order by
 * {@code y - t·x} is inverted relative to their order by x, so a merge sort counts the slopes below
 * {@code L = lo - δ} and enumerates the pairs whose order differs between {@code y - L·x} and {@code y - H·x}
 * ({@code H = hi + δ}): exactly the slopes between L and H. The margin δ is an upper bound of the rounding error of
 * the keys {@code y - t·x} and of the division, so no pair whose computed slope lies in {@code [lo, hi]} can be
 * misclassified, and every enumerated slope is computed exactly as the quadratic method computes it. When the sample
 * misses the rank or the bracket holds too many slopes, the methods return NaN and the caller falls back to the
 * quadratic method; the result never depends on the sample, only the running time does.
 * <p>
 * The signs of all slopes are counted exactly first (inversions of y in x order, equal y values), so a median that is
 * exactly 0 (flat or stepwise series: most pairs have equal values) is found without sampling, and a rank among the
 * positive (negative) slopes is sampled among those only.
 */
final class PairwiseSlopes {

	private static final double UNIT_ROUNDOFF = 0x1p-53;

	/** Upper limit of the sample size; the size grows with the number of pairs as (4.5 pairs)^(2/3). */
	static final int MAX_SAMPLE_SIZE = 16_384;

	private static final int MIN_SAMPLE_SIZE = 256;

	/** Slack, in binomial standard deviations of the sample rank, on each side of the wanted rank. */
	private static final double MARGIN_SDS = 4.5;

	private static final long SAMPLE_SEED = 0x5EED_7E11_5E11L;

	private static final int ALL = 2;

	private static final int NEGATIVE = -1;

	private static final int ZERO = 0;

	private static final int POSITIVE = 1;

	private final double[] x;

	private final double[] y;

	private final int n;

	/** Point indices by ascending x; equal x by ascending index. */
	private final int[] byX;

	/** Whether some x values are equal. */
	private final boolean xTies;

	/** Number of pairs with distinct x. */
	private final long pairs;

	/** Guards of the error bounds hold: no overflow in differences or keys, x gaps not subnormal. */
	private final boolean usable;

	/** Whether {@link #negative} and {@link #zero} are exact: no quotient of distinct y underflows to 0. */
	private final boolean signsExact;

	private final long negative;

	private final long zero;

	/** With {@link #signsExact}: every positive slope is at least this and every negative one at most its negation. */
	private final double smallestMagnitude;

	private final double maxAbsX;

	private final double maxAbsY;

	/** A lower bound of every nonzero {@code |x[j] - x[i]|}: half the smallest computed gap of sorted x. */
	private final double minGap;

	private double valueLow;

	private double valueHigh;

	/**
	 * Prepares the point set: sorts it by x and counts the pairs and the negative and zero slopes, O(n log n).
	 * @param x abscissae, finite
	 * @param y ordinates, finite, paired with x
	 */
	PairwiseSlopes(double[] x, double[] y) {
		this.x = x;
		this.y = y;
		int n = x.length;
		this.n = n;
		double[] sortedX = x.clone();
		int[] order = new int[n];
		for (int i = 0; i < n; i++) {
			order[i] = i;
		}
		sort(sortedX, order, 0, n, new double[n], new int[n]);
		this.byX = order;
		long tiedX = 0;
		double gap = Double.POSITIVE_INFINITY;
		double[] ys = new double[n]; // y in (x, y) order
		for (int k = 0; k < n; k++) {
			ys[k] = y[order[k]];
		}
		long tiedXY = 0;
		for (int start = 0; start < n;) {
			int end = start + 1;
			while (end < n && sortedX[end] == sortedX[start]) {
				end++;
			}
			long t = end - start;
			if (t > 1) {
				tiedX += t * (t - 1) / 2;
				Arrays.sort(ys, start, end);
				tiedXY += tiedPairs(ys, start, end);
			}
			if (end < n) {
				gap = Math.min(gap, sortedX[end] - sortedX[end - 1]);
			}
			start = end;
		}
		this.xTies = tiedX > 0;
		long nn = n;
		this.pairs = nn * (nn - 1) / 2 - tiedX;
		this.maxAbsX = (n > 0) ? Math.max(Math.abs(sortedX[0]), Math.abs(sortedX[n - 1])) : 0;
		double spanX = (n > 0) ? sortedX[n - 1] - sortedX[0] : 0;
		this.minGap = 0.5 * gap;
		// negative slopes: pairs with x[i] < x[j] and y[i] > y[j]; equal x keep ascending y, so are never counted
		this.negative = MannKendall.sortCountingInversions(ys, new double[n], 0, n);
		double yGap = Double.POSITIVE_INFINITY;
		for (int k = 1; k < n; k++) {
			if (ys[k] != ys[k - 1]) {
				yGap = Math.min(yGap, ys[k] - ys[k - 1]);
			}
		}
		this.maxAbsY = (n > 0) ? Math.max(Math.abs(ys[0]), Math.abs(ys[n - 1])) : 0;
		this.zero = tiedPairs(ys, 0, n) - tiedXY;
		// every |y[j] - y[i]| for distinct y rounds to at least yGap and every |x[j] - x[i]| to at most spanX
		this.smallestMagnitude = yGap / spanX;
		this.usable = this.pairs > 0 && this.maxAbsX < Double.MAX_VALUE / 8 && this.maxAbsY < Double.MAX_VALUE / 8
				&& this.minGap >= Double.MIN_NORMAL;
		this.signsExact = this.usable && this.smallestMagnitude >= Double.MIN_NORMAL;
	}

	/** Number of pairs with distinct x, the pairs whose slopes are defined. */
	long pairs() {
		return this.pairs;
	}

	/**
	 * The median of the pair slopes: the middle one, or the mean {@code 0.5 * low + 0.5 * high} of the two middle ones.
	 * @return the median, or NaN if this method cannot tell (the caller falls back to a quadratic method)
	 */
	double median() {
		if (!this.usable) {
			return Double.NaN;
		}
		long high = this.pairs / 2; // 0-based ranks of the middle slope(s)
		long low = (this.pairs % 2 == 1) ? high : high - 1;
		double lowValue;
		double highValue;
		if (region(low) == region(high)) {
			if (!select(low, high)) {
				return Double.NaN;
			}
			lowValue = this.valueLow;
			highValue = this.valueHigh;
		}
		else {
			if (!select(low, low)) {
				return Double.NaN;
			}
			lowValue = this.valueLow;
			if (!select(high, high)) {
				return Double.NaN;
			}
			highValue = this.valueHigh;
		}
		// an odd count has one middle slope; 0.5 * v + 0.5 * v would round a subnormal v
		return (low == high) ? highValue : 0.5 * lowValue + 0.5 * highValue;
	}

	private int region(long rank) {
		if (!this.signsExact) {
			return ALL;
		}
		if (rank < this.negative) {
			return NEGATIVE;
		}
		return (rank < this.negative + this.zero) ? ZERO : POSITIVE;
	}

	/**
	 * Finds the slopes of 0-based ranks {@code rankLow <= rankHigh}, both in the same region, into {@link #valueLow}
	 * and {@link #valueHigh}.
	 * @return false if the bracket missed or held too many slopes
	 */
	private boolean select(long rankLow, long rankHigh) {
		int region = region(rankHigh);
		if (region == ZERO) {
			this.valueLow = 0.0;
			this.valueHigh = 0.0;
			return true;
		}
		long offset = (region == POSITIVE) ? this.negative + this.zero : 0;
		long count = switch (region) {
			case NEGATIVE -> this.negative;
			case POSITIVE -> this.pairs - this.negative - this.zero;
			default -> this.pairs;
		};
		int size = (int) Math.max(MIN_SAMPLE_SIZE, Math.min(MAX_SAMPLE_SIZE, Math.pow(4.5 * count, 2.0 / 3.0)));
		double[] sample = new double[size];
		int taken = sample(sample, region);
		if (taken < MIN_SAMPLE_SIZE / 2) {
			return false;
		}
		int margin = (int) Math.ceil(MARGIN_SDS * Math.sqrt(taken * 0.25));
		long lowIndex = (long) ((double) (rankLow - offset) / count * taken) - margin;
		long highIndex = (long) ((double) (rankHigh - offset) / count * taken) + margin;
		double lo;
		double hi;
		if (lowIndex <= 0) {
			// below the lowest sample: for positive slopes, the least any positive slope can be; else the minimum
			lo = (region == POSITIVE) ? this.smallestMagnitude : Quantiles.select(sample, taken, 0);
		}
		else {
			lo = Quantiles.select(sample, taken, (int) lowIndex);
		}
		if (highIndex >= taken - 1) {
			hi = (region == NEGATIVE) ? -this.smallestMagnitude : Quantiles.select(sample, taken, taken - 1);
		}
		else {
			hi = Quantiles.select(sample, taken, (int) highIndex);
		}
		if (!Double.isFinite(lo) || !Double.isFinite(hi) || lo > hi) {
			return false;
		}
		int inBracket = 0;
		for (int k = 0; k < taken; k++) {
			if (sample[k] >= lo && sample[k] <= hi) {
				inBracket++;
			}
		}
		long expected = (long) ((inBracket + 1.0) / taken * count);
		long limit = Math.min(this.pairs, 4 * expected + 8L * this.n + 4096);
		Bracket bracket = bracket(lo, hi, limit, (int) Math.min(expected + expected / 2 + 64, limit));
		if (bracket == null) {
			return false;
		}
		this.valueLow = bracket.rankValue(rankLow);
		this.valueHigh = (rankHigh == rankLow) ? this.valueLow : bracket.rankValue(rankHigh);
		return !Double.isNaN(this.valueLow) && !Double.isNaN(this.valueHigh);
	}

	/** Fills {@code sample} with slopes of pseudo-random pairs (fixed seed) in the region; returns how many. */
	private int sample(double[] sample, int region) {
		SplittableRandom random = new SplittableRandom(SAMPLE_SEED);
		int taken = 0;
		int size = sample.length;
		double[] x = this.x;
		double[] y = this.y;
		for (int attempt = 0; attempt < 8 * size && taken < size; attempt++) {
			int i = random.nextInt(this.n);
			int j = random.nextInt(this.n);
			double dx = x[j] - x[i];
			if (dx != 0.0) {
				double s = (y[j] - y[i]) / dx;
				if (region == ALL || (region == POSITIVE && s > 0) || (region == NEGATIVE && s < 0)) {
					sample[taken++] = s;
				}
			}
		}
		return taken;
	}

	/**
	 * Counts the slopes below {@code lo} and collects those in {@code [lo, hi]}.
	 * @param limit most pairs to enumerate before giving up
	 * @param capacity initial capacity for the slopes strictly inside
	 * @return the counts, or null if the error bounds do not apply or more than {@code limit} pairs lie between the
	 * widened bounds
	 */
	private Bracket bracket(double lo, double hi, long limit, int capacity) {
		// Keys z(t) = y - t·x are off by at most e = 1.01u(Y + 2|t|X) + 2^-1073, so a pair is misplaced against t
		// only if |s - t| < m = 2e / minGap. A computed slope is off by at most 4u|s| + 2^-1074. Bounds
		// L = lo - δ, H = hi + δ with δ > m + 4u(T + δ) + 2^-1074 (T = max(|lo|, |hi|)) therefore put every pair
		// counted below L below lo and every pair above H above hi. With a = (2.02uY + 2^-1072)/minGap + 2^-1074
		// and b = 4.04uX/minGap + 4u, δ = 4(a + bT) suffices for b <= 1/4, with a factor 2 to spare.
		double u = UNIT_ROUNDOFF;
		double a = (2.02 * u * this.maxAbsY + 0x1p-1072) / this.minGap + Double.MIN_VALUE;
		double b = 4.04 * u * this.maxAbsX / this.minGap + 4 * u;
		double t = Math.max(Math.abs(lo), Math.abs(hi));
		double delta = 4 * (a + b * t);
		if (!(b <= 0.25) || !((t + delta) * this.maxAbsX < Double.MAX_VALUE / 8)) {
			return null;
		}
		double low = lo - delta;
		double high = hi + delta;
		int n = this.n;
		double[] x = this.x;
		double[] y = this.y;
		int[] byX = this.byX;
		double[] keyLow = new double[n];
		double[] keyHigh = new double[n];
		for (int i = 0; i < n; i++) {
			keyLow[i] = y[i] - low * x[i];
			keyHigh[i] = y[i] - high * x[i];
		}
		// slopes below L: pairs x[i] < x[j] with keyLow[j] < keyLow[i], inversions of keyLow in x order (equal x
		// ascending by key, so never counted)
		double[] keys = new double[n];
		double[] keyBuffer = new double[n];
		for (int k = 0; k < n; k++) {
			keys[k] = keyLow[byX[k]];
		}
		if (this.xTies) {
			sortEqualXRuns(keys);
		}
		long below = MannKendall.sortCountingInversions(keys, keyBuffer, 0, n);

		// order by keyLow (ties by x ascending) and by keyHigh (ties by x descending); a pair between L and H is
		// inverted between the two orders
		int[] lowOrder = byX.clone();
		int[] idBuffer = new int[n];
		for (int k = 0; k < n; k++) {
			keys[k] = keyLow[lowOrder[k]];
		}
		sort(keys, lowOrder, 0, n, keyBuffer, idBuffer);
		int[] highOrder = descendingX();
		for (int k = 0; k < n; k++) {
			keys[k] = keyHigh[highOrder[k]];
		}
		sort(keys, highOrder, 0, n, keyBuffer, idBuffer);
		int[] highRank = idBuffer;
		for (int r = 0; r < n; r++) {
			highRank[highOrder[r]] = r;
		}
		int[] sequence = new int[n];
		for (int k = 0; k < n; k++) {
			sequence[k] = highRank[lowOrder[k]];
		}
		Bracket bracket = new Bracket(lo, hi, below, capacity);
		int[] from = sequence;
		int[] to = new int[n];
		long visited = 0;
		for (int width = 1; width < n; width *= 2) {
			for (int start = 0; start < n; start += 2 * width) {
				int middle = Math.min(start + width, n);
				int end = Math.min(start + 2 * width, n);
				int left = start;
				int right = middle;
				int out = start;
				while (left < middle && right < end) {
					int r = from[right];
					if (r < from[left]) {
						// every remaining left entry precedes r by keyLow but follows it by keyHigh
						visited += middle - left;
						if (visited > limit) {
							return null;
						}
						int q = highOrder[r];
						for (int k = left; k < middle; k++) {
							bracket.visit(x, y, keyLow, highOrder[from[k]], q);
						}
						to[out++] = r;
						right++;
					}
					else {
						to[out++] = from[left++];
					}
				}
				while (left < middle) {
					to[out++] = from[left++];
				}
				while (right < end) {
					to[out++] = from[right++];
				}
			}
			int[] swap = from;
			from = to;
			to = swap;
		}
		return bracket;
	}

	/** Point indices by descending x; equal x by ascending index. */
	private int[] descendingX() {
		int[] order = new int[this.n];
		int out = 0;
		for (int end = this.n; end > 0;) {
			int start = end - 1;
			while (start > 0 && this.x[this.byX[start - 1]] == this.x[this.byX[end - 1]]) {
				start--;
			}
			System.arraycopy(this.byX, start, order, out, end - start);
			out += end - start;
			end = start;
		}
		return order;
	}

	/** Sorts each run of equal x in {@code keys} (in {@link #byX} order) ascending. */
	private void sortEqualXRuns(double[] keys) {
		for (int start = 0; start < this.n;) {
			int end = start + 1;
			while (end < this.n && this.x[this.byX[end]] == this.x[this.byX[start]]) {
				end++;
			}
			if (end - start > 1) {
				Arrays.sort(keys, start, end);
			}
			start = end;
		}
	}

	/** Σ t(t-1)/2 over the runs of equal values in sorted {@code values[from, to)}. */
	private static long tiedPairs(double[] values, int from, int to) {
		long tied = 0;
		for (int start = from; start < to;) {
			int end = start + 1;
			while (end < to && values[end] == values[start]) {
				end++;
			}
			long t = end - start;
			tied += t * (t - 1) / 2;
			start = end;
		}
		return tied;
	}

	/**
	 * Stable merge sort of {@code keys[from, to)} ascending, permuting {@code ids} alongside; {@code -0.0} and
	 * {@code 0.0} count as equal. Runs that are already in order cost one comparison per merge.
	 */
	static void sort(double[] keys, int[] ids, int from, int to, double[] keyBuffer, int[] idBuffer) {
		if (to - from <= 16) {
			for (int i = from + 1; i < to; i++) {
				double key = keys[i];
				int id = ids[i];
				int j = i - 1;
				while (j >= from && keys[j] > key) {
					keys[j + 1] = keys[j];
					ids[j + 1] = ids[j];
					j--;
				}
				keys[j + 1] = key;
				ids[j + 1] = id;
			}
			return;
		}
		int middle = (from + to) >>> 1;
		sort(keys, ids, from, middle, keyBuffer, idBuffer);
		sort(keys, ids, middle, to, keyBuffer, idBuffer);
		if (keys[middle - 1] <= keys[middle]) {
			return;
		}
		System.arraycopy(keys, from, keyBuffer, from, middle - from);
		System.arraycopy(ids, from, idBuffer, from, middle - from);
		int left = from;
		int right = middle;
		int out = from;
		while (left < middle && right < to) {
			if (keys[right] < keyBuffer[left]) {
				ids[out] = ids[right];
				keys[out++] = keys[right++];
			}
			else {
				ids[out] = idBuffer[left];
				keys[out++] = keyBuffer[left++];
			}
		}
		while (left < middle) {
			ids[out] = idBuffer[left];
			keys[out++] = keyBuffer[left++];
		}
	}

	/** Slopes below, at and strictly inside a bracket {@code [lo, hi]}. */
	private static final class Bracket {

		private final double lo;

		private final double hi;

		/** Slopes below lo. */
		private long below;

		private long atLo;

		private long atHi;

		private double[] inside;

		private int kept;

		Bracket(double lo, double hi, long below, int capacity) {
			this.lo = lo;
			this.hi = hi;
			this.below = below;
			this.inside = new double[Math.max(capacity, 16)];
		}

		/** Classifies the pair (p, q) unless x is equal or it was already counted below L. */
		void visit(double[] x, double[] y, double[] keyLow, int p, int q) {
			double xp = x[p];
			double xq = x[q];
			if (xp == xq) {
				return;
			}
			int i = (xp < xq) ? p : q;
			int j = (xp < xq) ? q : p;
			if (keyLow[j] < keyLow[i]) {
				return; // counted among the inversions below L
			}
			// the quadratic method's slope; swapping i and j only flips the sign of a zero
			double s = (y[j] - y[i]) / (x[j] - x[i]);
			if (s < this.lo) {
				this.below++;
			}
			else if (s == this.lo) {
				this.atLo++;
			}
			else if (s == this.hi) {
				this.atHi++;
			}
			else if (s < this.hi) {
				if (this.kept == this.inside.length) {
					this.inside = Arrays.copyOf(this.inside, 2 * this.kept);
				}
				this.inside[this.kept++] = s;
			}
		}

		/** Slope of the given overall rank, or NaN if that rank lies outside the bracket. */
		double rankValue(long rank) {
			long r = rank - this.below;
			if (r < 0) {
				return Double.NaN;
			}
			if (r < this.atLo) {
				return this.lo;
			}
			r -= this.atLo;
			if (r < this.kept) {
				return Quantiles.select(this.inside, this.kept, (int) r);
			}
			r -= this.kept;
			return (r < this.atHi) ? this.hi : Double.NaN;
		}

	}

}
