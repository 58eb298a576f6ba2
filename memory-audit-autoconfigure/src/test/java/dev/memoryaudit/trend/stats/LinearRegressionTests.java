package dev.memoryaudit.trend.stats;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

class LinearRegressionTests {

	@Test
	void handWorkedExample() {
		// x = 1..5, y = 2, 4, 5, 4, 5 ; x̄ = 3, ȳ = 4
		// dx = -2,-1,0,1,2 ; dy = -2,0,1,0,1
		// Sxx = 4+1+0+1+4 = 10 ; Sxy = 4+0+0+0+2 = 6 ; Syy = 4+0+1+0+1 = 6
		// slope = 6/10 = 0.6 ; intercept = 4 - 0.6*3 = 2.2 ; r² = 36 / (10*6) = 0.6
		LeastSquaresFit fit = LinearRegression.fit(new double[] { 1, 2, 3, 4, 5 }, new double[] { 2, 4, 5, 4, 5 });
		assertThat(fit.slope()).isCloseTo(0.6, within(1e-12));
		assertThat(fit.intercept()).isCloseTo(2.2, within(1e-12));
		assertThat(fit.rSquared()).isCloseTo(0.6, within(1e-12));
		assertThat(fit.n()).isEqualTo(5);
		assertThat(fit.valueAt(10)).isCloseTo(8.2, within(1e-12));
	}

	@Test
	void centredSumsSurviveEpochMillisAbscissae() {
		// y = 5 + 0.001 (x - x0) exactly, with x around 1.7e12; uncentred sums would lose every digit of Sxx
		double x0 = 1.7e12;
		double[] x = { x0, x0 + 1000, x0 + 2000, x0 + 3000 };
		double[] y = { 5, 6, 7, 8 };
		LeastSquaresFit fit = LinearRegression.fit(x, y);
		assertThat(fit.slope()).isCloseTo(0.001, within(1e-15));
		assertThat(fit.rSquared()).isCloseTo(1.0, within(1e-12));
	}

	@Test
	void constantYHasZeroSlopeAndZeroRSquared() {
		LeastSquaresFit fit = LinearRegression.fit(new double[] { 1, 2, 3 }, new double[] { 4, 4, 4 });
		assertThat(fit.slope()).isEqualTo(0.0);
		assertThat(fit.intercept()).isEqualTo(4.0);
		assertThat(fit.rSquared()).isEqualTo(0.0);
	}

	@Test
	void rejectsConstantX() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> LinearRegression.fit(new double[] { 2, 2, 2 }, new double[] { 1, 2, 3 }));
	}

}
