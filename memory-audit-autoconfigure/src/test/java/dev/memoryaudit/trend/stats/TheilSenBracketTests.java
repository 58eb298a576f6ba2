package dev.memoryaudit.trend.stats;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sampled bracket against plain selection over every pair slope: the medians must be bit-for-bit equal, also
 * where many slopes equal the bracket ends, x is unsorted or tied, and values are tiny, huge or overflow when
 * subtracted. (x differences that overflow give NaN slopes, where the bracket and selection
 * disagree; not covered.)
 */
class TheilSenBracketTests {

	private static final int[] SIZES = { 317, 360, 361, 500, 1_440 };

	@Test
	void minuteSeriesInHoursMatchSelection() {
		SplittableRandom random = new SplittableRandom(11);
		for (int n : SIZES) {
			double[] x = new double[n];
			double[] y = new double[n];
			for (int i = 0; i < n; i++) {
				x[i] = (1.7e9 + 60.0 * i - 1.7e9) / 3600.0; // as SeriesAssessor.hoursSinceStart builds them
				y[i] = 2e8 + 3e6 * x[i] + random.nextGaussian() * 5e6;
			}
			assertSameMedian(x, y);
		}
	}

	@Test
	void manyEqualSlopesMatchSelection() {
		SplittableRandom random = new SplittableRandom(12);
		for (int n : SIZES) {
			double[] x = new double[n];
			double[] stairs = new double[n];
			double[] line = new double[n];
			double[] twoLevels = new double[n];
			double[] inexact = new double[n];
			double[] inexactHours = new double[n];
			for (int i = 0; i < n; i++) {
				x[i] = i;
				stairs[i] = 1e6 * (i / 50) + random.nextInt(3);
				line[i] = 5 - 0.25 * i;
				twoLevels[i] = random.nextBoolean() ? 0.0 : -0.0;
				// slopes all near 0.1 but differing in their last bits: pairs whose real quotient is just off a
				// bracket end while their rounded slope equals it
				inexact[i] = 0.1 * i;
				inexactHours[i] = i / 60.0;
			}
			assertSameMedian(x, stairs);
			assertSameMedian(x, line);
			assertSameMedian(x, twoLevels);
			assertSameMedian(x, inexact);
			assertSameMedian(inexactHours, inexact);
			assertSameMedian(inexact, inexactHours);
		}
	}

	@Test
	void unsortedAndTiedAbscissaeMatchSelection() {
		SplittableRandom random = new SplittableRandom(13);
		for (int n : SIZES) {
			double[] x = new double[n];
			double[] y = new double[n];
			for (int i = 0; i < n; i++) {
				x[i] = random.nextInt(n / 2); // unsorted, about two points per x
				y[i] = -7 * x[i] + random.nextInt(20);
			}
			assertSameMedian(x, y);
		}
	}

	@Test
	void extremeMagnitudesMatchSelection() {
		SplittableRandom random = new SplittableRandom(14);
		for (int n : SIZES) {
			double[] x = new double[n];
			double[] tiny = new double[n];
			double[] huge = new double[n];
			double[] overflowing = new double[n];
			for (int i = 0; i < n; i++) {
				x[i] = i * 1e-3;
				tiny[i] = random.nextDouble() * Double.MIN_NORMAL * 4; // subnormal differences
				huge[i] = (random.nextDouble() - 0.5) * 1e300;
				overflowing[i] = random.nextBoolean() ? Double.MAX_VALUE : -Double.MAX_VALUE * random.nextDouble();
			}
			assertSameMedian(x, tiny);
			assertSameMedian(x, huge);
			assertSameMedian(x, overflowing);
		}
	}

	private static void assertSameMedian(double[] x, double[] y) {
		double expected = TheilSen.medianBySelection(x, y);
		assertThat(TheilSen.medianPairwiseSlope(x, y)).as("n = %d", x.length).isEqualTo(expected);
	}

}
