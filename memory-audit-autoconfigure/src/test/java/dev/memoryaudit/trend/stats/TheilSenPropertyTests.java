package dev.memoryaudit.trend.stats;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Theil–Sen median slope against brute force over many seeded random inputs: every pair slope computed as
 * {@code (y[j] - y[i]) / (x[j] - x[i])}, sorted, middle one (or the mean {@code 0.5 * a + 0.5 * b} of the two middle
 * ones). The results must be bit for bit equal, except that a zero median may be {@code -0.0} on one side and
 * {@code 0.0} on the other ({@link TheilSen#fit(double[], double[])} returns {@code slope + 0.0}), so both sides are
 * compared after adding {@code 0.0}.
 */
class TheilSenPropertyTests {

	private static final int X_KINDS = 8;

	private static final int Y_KINDS = 13;

	/** Median of all pair slopes with distinct x, by sorting them all. */
	static double bruteForceMedian(double[] x, double[] y) {
		double[] slopes = sortedSlopes(x, y);
		int count = slopes.length;
		int middle = count / 2;
		return (count % 2 == 1) ? slopes[middle] : 0.5 * slopes[middle - 1] + 0.5 * slopes[middle];
	}

	@Test
	void medianEqualsBruteForceOnRandomInputs() {
		SplittableRandom random = new SplittableRandom(20_251_128);
		int cases = 0;
		int fastCases = 0;
		int fastAnswers = 0;
		for (int c = 0; c < 500; c++) {
			int n = randomSize(random);
			int xKind = random.nextInt(X_KINDS);
			int yKind = random.nextInt(Y_KINDS);
			double[] x = xs(xKind, n, random);
			double[] y = ys(yKind, x, random);
			if (distinct(x) < 2) {
				continue;
			}
			String description = String.format("case %d: n = %d, x kind %d, y kind %d", c, n, xKind, yKind);
			double expected = bruteForceMedian(x, y) + 0.0;
			assertThat(TheilSen.medianPairwiseSlope(x, y) + 0.0).as(description).isEqualTo(expected);
			PairwiseSlopes slopes = new PairwiseSlopes(x, y);
			double fast = slopes.median();
			if (!Double.isNaN(fast)) {
				assertThat(fast + 0.0).as(description).isEqualTo(expected);
				fastAnswers++;
			}
			if (slopes.pairs() >= TheilSen.FAST_MIN_PAIRS) {
				fastCases++;
				assertThat(TheilSen.fit(x, y).slope()).as(description).isEqualTo(expected);
			}
			cases++;
		}
		assertThat(cases).isGreaterThan(450);
		assertThat(fastCases).isGreaterThan(200);
		// the fast path answers nearly all by itself (497 of 498 when written); the quadratic fallback decides where
		// the sample missed twice or the bracket held too many slopes
		assertThat(fastAnswers).isGreaterThan(cases * 95 / 100);
	}

	@Test
	void smallSizesExhaustivelyEqualBruteForce() {
		SplittableRandom random = new SplittableRandom(5);
		for (int n = 2; n <= 40; n++) {
			for (int xKind = 0; xKind < X_KINDS; xKind++) {
				for (int yKind = 0; yKind < Y_KINDS; yKind++) {
					double[] x = xs(xKind, n, random);
					double[] y = ys(yKind, x, random);
					if (distinct(x) < 2) {
						continue;
					}
					String description = String.format("n = %d, x kind %d, y kind %d", n, xKind, yKind);
					double expected = bruteForceMedian(x, y) + 0.0;
					assertThat(TheilSen.medianPairwiseSlope(x, y) + 0.0).as(description).isEqualTo(expected);
					double fast = new PairwiseSlopes(x, y).median();
					if (!Double.isNaN(fast)) {
						assertThat(fast + 0.0).as(description).isEqualTo(expected);
					}
				}
			}
		}
	}

	/** Series shaped like the trend's: the fast path answers them itself, without the quadratic fallback. */
	@Test
	void trendShapedSeriesNeedNoFallback() {
		SplittableRandom random = new SplittableRandom(3);
		for (int n : new int[] { 120, 360, 476, 1_000, 1_440, 2_000 }) {
			double[] hours = new double[n];
			for (int i = 0; i < n; i++) {
				hours[i] = (1.7e9 + 60.0 * i - 1.7e9) / 3600.0;
			}
			double[][] series = new double[7][n];
			int step = n / 2 + random.nextInt(n / 4);
			for (int i = 0; i < n; i++) {
				series[0][i] = 2e8 + 1e7 * hours[i] + random.nextGaussian() * 5e6; // live set, leaking
				series[1][i] = 2e8 + random.nextGaussian() * 5e6; // live set, flat
				series[2][i] = 42; // threads
				series[3][i] = 9_000 + ((i >= step) ? 120 : 0); // loaded classes, one step
				series[4][i] = 3e7 + 65_536.0 * (i / 200); // non-heap committed, staircase
				series[5][i] = 40 + random.nextInt(3); // open fds, noisy integers
				series[6][i] = 5e8 - 2e6 * hours[i] + random.nextGaussian() * 1e6; // shrinking
			}
			for (int k = 0; k < series.length; k++) {
				double expected = bruteForceMedian(hours, series[k]) + 0.0;
				assertThat(new PairwiseSlopes(hours, series[k]).median() + 0.0).as("n = %d, series %d", n, k)
					.isEqualTo(expected);
			}
		}
	}

	/**
	 * One step up or down near the middle: the median is 0 or lies among the positive (negative) slopes right next to
	 * the zero ones, where the bracket's inner end is the least magnitude any nonzero slope can have.
	 */
	@Test
	void stepAtTheMiddleResolvesAtTheBoundaryOfTheZeroSlopes() {
		for (int n : new int[] { 100, 101, 1_440, 1_441 }) {
			for (int step : new int[] { n / 2 - 1, n / 2, n / 2 + 1, n / 3 }) {
				for (double height : new double[] { 1, -1, 4096 }) {
					double[] x = new double[n];
					double[] y = new double[n];
					for (int i = 0; i < n; i++) {
						x[i] = i / 60.0;
						y[i] = (i >= step) ? height : 0;
					}
					double expected = bruteForceMedian(x, y) + 0.0;
					assertThat(new PairwiseSlopes(x, y).median() + 0.0)
						.as("n = %d, step of %s at %d", n, height, step)
						.isEqualTo(expected);
				}
			}
		}
	}

	/**
	 * The counting behind every answer: with bracket ends on slope values, their neighbouring doubles, or equal, the
	 * slopes counted below, at and inside the bracket match brute force exactly, also where many slopes differ from
	 * an end only in their last bits.
	 */
	@Test
	void bracketCountsEqualBruteForce() {
		SplittableRandom random = new SplittableRandom(77);
		int checked = 0;
		for (int c = 0; c < 200; c++) {
			int n = 2 + random.nextInt(400);
			double[] x = xs(random.nextInt(X_KINDS), n, random);
			double[] y = ys(random.nextInt(Y_KINDS), x, random);
			double[] slopes = sortedSlopes(x, y);
			PairwiseSlopes pairwise = new PairwiseSlopes(x, y);
			if (slopes.length == 0) {
				continue;
			}
			for (int b = 0; b < 6; b++) {
				int first = random.nextInt(slopes.length);
				int last = Math.min(slopes.length - 1, first + random.nextInt(1 + slopes.length / (1 + b * b)));
				double lo = slopes[first];
				double hi = (b == 0) ? lo : slopes[last];
				if (b == 3) {
					lo = Math.nextDown(lo);
					hi = Math.nextUp(hi);
				}
				else if (b == 4) {
					lo = Math.nextUp(lo);
					hi = Math.max(lo, Math.nextDown(hi));
				}
				if (!Double.isFinite(lo) || !Double.isFinite(hi)) {
					continue;
				}
				long[] counts = pairwise.bracketCounts(lo, hi);
				if (counts == null) {
					continue; // outside the error bounds: median() falls back, covered above
				}
				long below = 0;
				long atLo = 0;
				long inside = 0;
				long atHi = 0;
				for (double s : slopes) {
					if (s < lo) {
						below++;
					}
					else if (s == lo) {
						atLo++;
					}
					else if (s == hi) {
						atHi++;
					}
					else if (s < hi) {
						inside++;
					}
				}
				assertThat(counts).as("case %d, n = %d, [%s, %s]", c, n, lo, hi)
					.containsExactly(below, atLo, inside, atHi);
				checked++;
			}
		}
		assertThat(checked).isGreaterThan(1_000);
	}

	private static double[] sortedSlopes(double[] x, double[] y) {
		int n = x.length;
		double[] slopes = new double[n * (n - 1) / 2];
		int count = 0;
		for (int i = 0; i < n - 1; i++) {
			for (int j = i + 1; j < n; j++) {
				if (x[j] != x[i]) {
					slopes[count++] = (y[j] - y[i]) / (x[j] - x[i]);
				}
			}
		}
		double[] sorted = Arrays.copyOf(slopes, count);
		Arrays.sort(sorted);
		return sorted;
	}

	private static int randomSize(SplittableRandom random) {
		int bucket = random.nextInt(20);
		if (bucket < 10) {
			return 2 + random.nextInt(60);
		}
		if (bucket < 16) {
			return 60 + random.nextInt(340);
		}
		if (bucket < 19) {
			return 400 + random.nextInt(800);
		}
		return 1_200 + random.nextInt(801);
	}

	private static double[] xs(int kind, int n, SplittableRandom random) {
		double[] x = new double[n];
		for (int i = 0; i < n; i++) {
			x[i] = switch (kind) {
				case 0 -> i;
				case 1 -> (1.7e9 + 60.0 * i - 1.7e9) / 3600.0; // hours, as SeriesAssessor builds them
				case 2 -> 1.7e12 + 60_000.0 * i; // epoch millis
				case 3 -> random.nextInt(n / 2 + 1); // unsorted, about two points per x
				case 4 -> random.nextDouble() * 100; // unsorted, irregular gaps
				case 5 -> random.nextInt(3); // few distinct x
				case 6 -> i / 60.0 + ((random.nextInt(10) == 0) ? 1e-3 : 0); // jitter
				default -> (n - i) * 0.37; // descending
			};
		}
		return x;
	}

	private static double[] ys(int kind, double[] x, SplittableRandom random) {
		int n = x.length;
		int step = random.nextInt(n);
		double[] y = new double[n];
		for (int i = 0; i < n; i++) {
			y[i] = switch (kind) {
				case 0 -> 2e8 + 3e6 * x[i] + random.nextGaussian() * 5e6;
				case 1 -> random.nextInt(4); // heavy ties
				case 2 -> 42; // constant
				case 3 -> 1e6 * (i / 50) + random.nextInt(3); // staircase
				case 4 -> random.nextBoolean() ? 0.0 : -0.0;
				case 5 -> 0.1 * i; // slopes that differ in their last bits
				case 6 -> (i >= step) ? 1e6 : 0; // one step
				case 7 -> random.nextGaussian() + ((random.nextInt(5) == 0) ? 1e9 * random.nextDouble() : 0);
				case 8 -> (7L * i) / n + random.nextInt(2); // integers, slowly increasing
				case 9 -> random.nextDouble() * Double.MIN_NORMAL * 4; // subnormal differences
				case 10 -> (random.nextDouble() - 0.5) * 1e300;
				case 11 -> -5e5 * x[i] + random.nextGaussian() * 1e4;
				default -> Math.round(random.nextGaussian() * 3) * 1024.0; // ties around zero slope
			};
		}
		return y;
	}

	private static int distinct(double[] x) {
		return (int) Arrays.stream(x).distinct().count();
	}

}
