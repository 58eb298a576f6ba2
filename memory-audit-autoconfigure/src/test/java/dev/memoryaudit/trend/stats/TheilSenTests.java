package dev.memoryaudit.trend.stats;

import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

class TheilSenTests {

	@Test
	void ignoresASingleOutlier() {
		// x = 1..5, y = 1, 2, 3, 4, 100. Pairs among the first four points: 6 slopes of exactly 1.
		// Pairs with (5, 100): 99/4 = 24.75, 98/3 = 32.67, 97/2 = 48.5, 96/1 = 96.
		// 10 slopes sorted: 1,1,1,1,1,1,24.75,32.67,48.5,96 -> median = (1 + 1) / 2 = 1.
		// Intercept: median(y - x) = median(0, 0, 0, 0, 95) = 0.
		LineFit fit = TheilSen.fit(new double[] { 1, 2, 3, 4, 5 }, new double[] { 1, 2, 3, 4, 100 });
		assertThat(fit.slope()).isEqualTo(1.0);
		assertThat(fit.intercept()).isEqualTo(0.0);
		assertThat(fit.n()).isEqualTo(5);
		// OLS is dragged far off by the same outlier: ȳ = 110/5 = 22, dy = -21,-20,-19,-18,78, dx = -2..2
		// Sxy = 42 + 20 + 0 - 18 + 156 = 200, Sxx = 10 -> slope = 20
		assertThat(LinearRegression.fit(new double[] { 1, 2, 3, 4, 5 }, new double[] { 1, 2, 3, 4, 100 }).slope())
			.isCloseTo(20.0, within(1e-12));
	}

	@Test
	void handWorkedPairwiseSlopes() {
		// x = 0, 1, 2, 3 ; y = 0, 2, 1, 5
		// (0,1): 2/1 = 2 ; (0,2): 1/2 = 0.5 ; (0,3): 5/3 = 1.6667
		// (1,2): -1/1 = -1 ; (1,3): 3/2 = 1.5 ; (2,3): 4/1 = 4
		// sorted: -1, 0.5, 1.5, 1.6667, 2, 4 -> median = (1.5 + 5/3) / 2 = 19/12 = 1.583333
		// y - 19/12 x = 0, 5/12, -26/12, 3/12 -> sorted -26/12, 0, 3/12, 5/12 -> median = (0 + 3/12) / 2 = 1/8
		double[] x = { 0, 1, 2, 3 };
		double[] y = { 0, 2, 1, 5 };
		LineFit fit = TheilSen.fit(x, y);
		assertThat(fit.slope()).isCloseTo(19.0 / 12.0, within(1e-15));
		assertThat(fit.intercept()).isCloseTo(0.125, within(1e-15));
		// residuals y - 1/8 - 19/12 x = -3/24, 7/24, -55/24, 3/24 ; |.| sorted 3, 3, 7, 55 (/24) -> median 5/24
		// scale = 1.4826 * 5/24 = 0.308875
		assertThat(TheilSen.residualScale(x, y, fit)).isCloseTo(0.308875, within(1e-12));
	}

	@Test
	void skipsPairsWithEqualXAndAcceptsUnsortedX() {
		// points (1,0), (1,5), (2,2): pair (1,0)-(1,5) has dx = 0 and is skipped;
		// (1,0)-(2,2): 2 ; (1,5)-(2,2): -3 -> median = (-3 + 2) / 2 = -0.5
		assertThat(TheilSen.fit(new double[] { 2, 1, 1 }, new double[] { 2, 0, 5 }).slope()).isEqualTo(-0.5);
	}

	@Test
	void decreasingLineGivesNegativeSlope() {
		// y = 10 - 2x exactly: every pair slope is -2, every offset 10
		LineFit fit = TheilSen.fit(new double[] { 0, 1, 2, 3 }, new double[] { 10, 8, 6, 4 });
		assertThat(fit.slope()).isEqualTo(-2.0);
		assertThat(fit.intercept()).isEqualTo(10.0);
		assertThat(fit.valueAt(5)).isEqualTo(0.0);
	}

	@Test
	void largeInputsUseTheBracketAndStillGiveTheExactMedian() {
		// 1,440 points (one day of minutes) -> 1,035,480 pairs, above SAMPLING_MIN_PAIRS; compare with full selection
		Random random = new Random(7);
		int n = 1_440;
		double[] x = new double[n];
		double[] noisy = new double[n];
		double[] staircase = new double[n];
		double[] flat = new double[n];
		for (int i = 0; i < n; i++) {
			x[i] = 1.7e12 + 60_000.0 * i; // epoch millis
			noisy[i] = 2e8 + 0.5 * i * 60_000 + random.nextGaussian() * 5e6;
			staircase[i] = 1e6 * (i / 100) + random.nextInt(3); // many exactly equal slopes
			flat[i] = 42;
		}
		for (double[] y : new double[][] { noisy, staircase, flat }) {
			assertThat(TheilSen.medianPairwiseSlope(x, y)).isEqualTo(TheilSen.medianBySelection(x, y));
		}
		assertThat(TheilSen.fit(x, noisy).slope()).isCloseTo(0.5, within(0.05));
		assertThat(TheilSen.fit(x, flat).slope()).isEqualTo(0.0);
	}

	@Test
	void longSeriesAreThinnedToEvenlySpacedPoints() {
		int n = 5_000;
		double[] x = new double[n];
		double[] y = new double[n];
		for (int i = 0; i < n; i++) {
			x[i] = i;
			y[i] = 3 * i + 7 + ((i % 2 == 0) ? 1 : -1);
		}
		double[] thinned = TheilSen.thin(x, TheilSen.MAX_POINTS);
		assertThat(thinned[0]).isEqualTo(0.0);
		assertThat(thinned[TheilSen.MAX_POINTS - 1]).isEqualTo(n - 1.0);
		LineFit fit = TheilSen.fit(x, y);
		assertThat(fit.n()).isEqualTo(TheilSen.MAX_POINTS);
		assertThat(fit.slope()).isCloseTo(3.0, within(0.01));
		assertThat(fit.intercept()).isCloseTo(7.0, within(1.0));
	}

	@Test
	void rejectsDegenerateInput() {
		assertThatIllegalArgumentException().isThrownBy(() -> TheilSen.fit(new double[] { 1, 1 }, new double[] { 1, 2 }));
		assertThatIllegalArgumentException().isThrownBy(() -> TheilSen.fit(new double[] { 1 }, new double[] { 1 }));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> TheilSen.fit(new double[] { 1, 2 }, new double[] { 1, 2, 3 }));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> TheilSen.fit(new double[] { 1, 2 }, new double[] { 1, Double.POSITIVE_INFINITY }));
	}

}
