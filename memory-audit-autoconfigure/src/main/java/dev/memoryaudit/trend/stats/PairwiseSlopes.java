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

	/**
	 * Upper limit of the sample size. The size grows with the number of pairs N as (1.5 N)^(2/3), about where drawing
	 * the sample costs as much as half the work on the ~3N/sqrt(size) slopes inside the bracket.
	 */
	private static final int MAX_SAMPLE_SIZE = 16_384;

	private static final int MIN_SAMPLE_SIZE = 256;

	/**
	 * Slack, in binomial standard deviations of the sample rank, on each side of the wanted rank: a narrow bracket
	 * first, a wide one if that missed.
	 */
	private static final double[] MARGIN_SDS = { 3.0, 7.0 };

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

	/** Smallest x: keys use {@code x - minX}, which keeps their rounding error small for x far from 0. */
	private final double minX;

	/** Smallest y, subtracted like {@link #minX}. */
	private final double minY;

	/** Largest minus smallest x, as computed: at least every computed {@code |x[j] - x[i]|}. */
	private final double spanX;

	/** Largest minus smallest y, as computed. */
	private final double spanY;

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
		this.minX = (n > 0) ? sortedX[0] : 0;
		this.spanX = (n > 0) ? sortedX[n - 1] - sortedX[0] : 0;
		this.minGap = 0.5 * gap;
		// negative slopes: pairs with x[i] < x[j] and y[i] > y[j]; equal x keep ascending y, so are never counted
		this.negative = MannKendall.sortCountingInversions(ys, new double[n], 0, n);
		double yGap = Double.POSITIVE_INFINITY;
		for (int k = 1; k < n; k++) {
			if (ys[k] != ys[k - 1]) {
				yGap = Math.min(yGap, ys[k] - ys[k - 1]);
			}
		}
		this.minY = (n > 0) ? ys[0] : 0;
		this.spanY = (n > 0) ? ys[n - 1] - ys[0] : 0;
		this.zero = tiedPairs(ys, 0, n) - tiedXY;
		// every |y[j] - y[i]| for distinct y rounds to at least yGap and every |x[j] - x[i]| to at most spanX
		this.smallestMagnitude = yGap / this.spanX;
		this.usable = this.pairs > 0 && this.spanX < Double.MAX_VALUE / 8 && this.spanY < Double.MAX_VALUE / 8
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
		int size = (int) Math.max(MIN_SAMPLE_SIZE, Math.min(MAX_SAMPLE_SIZE, Math.pow(1.5 * count, 2.0 / 3.0)));
		double[] sample = new double[size];
		int taken = sample(sample, region);
		if (taken < MIN_SAMPLE_SIZE / 2) {
			return false;
		}
		double sampleSd = Math.sqrt(taken * 0.25); // binomial standard deviation of a sample rank, at most
		for (double sds : MARGIN_SDS) {
			int margin = (int) Math.ceil(sds * sampleSd);
			long lowIndex = (long) ((double) (rankLow - offset) / count * taken) - margin;
			long highIndex = (long) ((double) (rankHigh - offset) / count * taken) + margin;
			double lo;
			double hi;
			int from = 0; // after a selection, sample[0, from) holds no value above lo
			if (lowIndex <= 0) {
				// below the lowest sample: for positive slopes, the least any positive slope can be; else the minimum
				lo = (region == POSITIVE) ? this.smallestMagnitude : Quantiles.select(sample, 0, taken, 0);
			}
			else {
				lo = Quantiles.select(sample, 0, taken, (int) lowIndex);
				from = (int) lowIndex;
			}
			if (highIndex >= taken - 1) {
				hi = (region == NEGATIVE) ? -this.smallestMagnitude : Quantiles.select(sample, from, taken, taken - 1);
			}
			else {
				hi = Quantiles.select(sample, from, taken, (int) highIndex);
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
				return false; // a wider bracket holds even more
			}
			if (bracket.resolve(rankLow, rankHigh)) {
				this.valueLow = bracket.valueLow;
				this.valueHigh = bracket.valueHigh;
				return true;
			}
		}
		return false;
	}

	/**
	 * The bracket counts for given ends, for tests: slopes below {@code lo}, equal to {@code lo}, strictly between,
	 * equal to {@code hi}; or null where {@link #median()} would fall back.
	 */
	long[] bracketCounts(double lo, double hi) {
		if (!this.usable) {
			return null;
		}
		Bracket bracket = bracket(lo, hi, this.pairs, 16);
		return (bracket != null) ? new long[] { bracket.below, bracket.atLo, bracket.kept, bracket.atHi } : null;
	}

	/** Fills {@code sample} with slopes of pseudo-random pairs (fixed seed) in the region; returns how many. */
	private int sample(double[] sample, int region) {
		SplittableRandom random = new SplittableRandom(SAMPLE_SEED);
		int taken = 0;
		int size = sample.length;
		double[] x = this.x;
		double[] y = this.y;
		for (int attempt = 0; attempt < 8 * size && taken < size; attempt++) {
			long bits = random.nextLong(); // two indices in [0, n) from one draw
			int i = (int) (((bits >>> 32) * this.n) >>> 32);
			int j = (int) (((bits & 0xFFFF_FFFFL) * this.n) >>> 32);
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
		// Keys z(t) = (y - minY) - t·(x - minX), with X = spanX and Y = spanY bounding |x - minX| and |y - minY|,
		// are off by at most e = 2.02u(Y + 2|t|X) + 2^-1073 (u = 2^-53; the two shifts, the product and the
		// difference each round), so a pair with real slope s = dy/dx is misplaced against t only if
		// |s - t|·dx <= 2e, i.e. only if |s - t| <= m = 2e / minGap. A computed slope is off by at most
		// 4u|s| + 2^-1074. Bounds L = lo - δ and H = hi + δ with δ > m + 4u(T + δ) + 2^-1074, T = max(|lo|, |hi|),
		// therefore put every pair counted below L below lo and every pair counted above H above hi. With
		// a = (4.04uY + 2^-1072)/minGap + 2^-1074 and b = 8.08uX/minGap + 4u that is δ > a + b(T + δ), which
		// δ = 4(a + bT) meets for b <= 1/4 with a factor 2 to spare (for the rounding of δ, L and H themselves).
		double u = UNIT_ROUNDOFF;
		double a = (4.04 * u * this.spanY + 0x1p-1072) / this.minGap + Double.MIN_VALUE;
		double b = 8.08 * u * this.spanX / this.minGap + 4 * u;
		double t = Math.max(Math.abs(lo), Math.abs(hi));
		double delta = 4 * (a + b * t);
		if (!(b <= 0.25) || !((t + delta) * this.spanX < Double.MAX_VALUE / 8)) {
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
			double dx = x[i] - this.minX;
			double dy = y[i] - this.minY;
			keyLow[i] = dy - low * dx;
			keyHigh[i] = dy - high * dx;
		}
		// Sorting the points from x order into keyLow order counts the slopes below L: pairs x[i] < x[j] with
		// keyLow[j] < keyLow[i] are exactly the inversions. Equal x are put in keyLow order first, so they are not
		// counted, and stay in x order (then index order) among equal keys.
		int[] ids = byX.clone();
		double[] keys = new double[n];
		for (int k = 0; k < n; k++) {
			keys[k] = keyLow[ids[k]];
		}
		double[] keyBuffer = new double[n];
		int[] idBuffer = new int[n];
		if (this.xTies) {
			sortEqualXRuns(keys, ids, keyBuffer, idBuffer);
		}
		long below = sort(keys, ids, 0, n, keyBuffer, idBuffer);
		// Sorting that on into keyHigh order (ties by x descending, then index) inverts each pair whose slope lies
		// between L and H (in exact arithmetic, exactly those); the merges enumerate the inversions. The two orders
		// differ little, so most merges find their halves already in order.
		for (int k = 0; k < n; k++) {
			keys[k] = keyHigh[ids[k]];
		}
		Bracket bracket = new Bracket(lo, hi, below, capacity);
		long visited = 0;
		for (int width = 1; width < n; width *= 2) {
			for (int start = 0; start < n; start += 2 * width) {
				int middle = Math.min(start + width, n);
				int end = Math.min(start + 2 * width, n);
				if (middle >= end || !precedesByHigh(keys[middle], ids[middle], keys[middle - 1], ids[middle - 1])) {
					System.arraycopy(keys, start, keyBuffer, start, end - start);
					System.arraycopy(ids, start, idBuffer, start, end - start);
					continue;
				}
				int left = start;
				int right = middle;
				int out = start;
				while (left < middle && right < end) {
					int q = ids[right];
					if (precedesByHigh(keys[right], q, keys[left], ids[left])) {
						// q follows every remaining left entry by keyLow but precedes them by keyHigh
						visited += middle - left;
						if (visited > limit) {
							return null;
						}
						for (int k = left; k < middle; k++) {
							bracket.visit(x, y, keyLow, ids[k], q);
						}
						idBuffer[out] = q;
						keyBuffer[out++] = keys[right++];
					}
					else {
						idBuffer[out] = ids[left];
						keyBuffer[out++] = keys[left++];
					}
				}
				System.arraycopy(keys, left, keyBuffer, out, middle - left);
				System.arraycopy(ids, left, idBuffer, out, middle - left);
				out += middle - left;
				System.arraycopy(keys, right, keyBuffer, out, end - right);
				System.arraycopy(ids, right, idBuffer, out, end - right);
			}
			double[] swapKeys = keys;
			keys = keyBuffer;
			keyBuffer = swapKeys;
			int[] swapIds = ids;
			ids = idBuffer;
			idBuffer = swapIds;
		}
		return bracket;
	}

	/** Whether point a comes before point b by (keyHigh ascending, x descending, index ascending). */
	private boolean precedesByHigh(double keyA, int a, double keyB, int b) {
		if (keyA != keyB) {
			return keyA < keyB;
		}
		double xa = this.x[a];
		double xb = this.x[b];
		return (xa != xb) ? xa > xb : a < b;
	}

	/** Sorts each run of equal x of {@code keys} and {@code ids} (in {@link #byX} order) by key, stably. */
	private void sortEqualXRuns(double[] keys, int[] ids, double[] keyBuffer, int[] idBuffer) {
		for (int start = 0; start < this.n;) {
			int end = start + 1;
			while (end < this.n && this.x[this.byX[end]] == this.x[this.byX[start]]) {
				end++;
			}
			if (end - start > 1) {
				sort(keys, ids, start, end, keyBuffer, idBuffer);
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
	 * @return the number of inversions, pairs {@code i < j} with {@code keys[j] < keys[i]} before sorting
	 */
	static long sort(double[] keys, int[] ids, int from, int to, double[] keyBuffer, int[] idBuffer) {
		long inversions = 0;
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
				inversions += i - 1 - j;
				keys[j + 1] = key;
				ids[j + 1] = id;
			}
			return inversions;
		}
		int middle = (from + to) >>> 1;
		inversions += sort(keys, ids, from, middle, keyBuffer, idBuffer);
		inversions += sort(keys, ids, middle, to, keyBuffer, idBuffer);
		if (keys[middle - 1] <= keys[middle]) {
			return inversions;
		}
		System.arraycopy(keys, from, keyBuffer, from, middle - from);
		System.arraycopy(ids, from, idBuffer, from, middle - from);
		int left = from;
		int right = middle;
		int out = from;
		while (left < middle && right < to) {
			if (keys[right] < keyBuffer[left]) {
				inversions += middle - left;
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
		return inversions;
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

		private double valueLow;

		private double valueHigh;

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

		/**
		 * Finds the slopes of ranks {@code rankLow <= rankHigh <= rankLow + 1} into {@link #valueLow} and
		 * {@link #valueHigh}.
		 * @return false if a rank lies outside the bracket
		 */
		boolean resolve(long rankLow, long rankHigh) {
			long r = rankLow - this.below - this.atLo;
			this.valueLow = rankValue(rankLow);
			if (rankHigh == rankLow) {
				this.valueHigh = this.valueLow;
			}
			else if (r >= 0 && r + 1 < this.kept) {
				// selection left inside[r + 1, kept) at or above inside[r]: the next rank is their minimum
				double next = this.inside[(int) r + 1];
				for (int k = (int) r + 2; k < this.kept; k++) {
					next = Math.min(next, this.inside[k]);
				}
				this.valueHigh = next;
			}
			else {
				this.valueHigh = rankValue(rankHigh);
			}
			return !Double.isNaN(this.valueLow) && !Double.isNaN(this.valueHigh);
		}

		/** Slope of the given overall rank, or NaN if that rank lies outside the bracket. */
		private double rankValue(long rank) {
			long r = rank - this.below;
			if (r < 0) {
				return Double.NaN;
			}
			if (r < this.atLo) {
				return this.lo;
			}
			r -= this.atLo;
			if (r < this.kept) {
				return Quantiles.select(this.inside, 0, this.kept, (int) r);
			}
			r -= this.kept;
			return (r < this.atHi) ? this.hi : Double.NaN;
		}

	}

}
