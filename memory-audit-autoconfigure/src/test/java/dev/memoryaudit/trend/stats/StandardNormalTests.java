package dev.memoryaudit.trend.stats;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

class StandardNormalTests {

	// Reference values are 0.5 * erfc(-z / sqrt(2)) from CPython's math.erfc (libm), cross-checked against the
	// classic table values Φ(1.96) = 0.9750021, Φ(3) = 0.99865010, Φ(-5) = 2.8665157e-7.

	@Test
	void centralValues() {
		assertThat(StandardNormal.cdf(0.0)).isEqualTo(0.5);
		assertThat(StandardNormal.cdf(1.96)).isCloseTo(0.9750021048517795, within(1e-14));
		assertThat(StandardNormal.cdf(-0.5)).isCloseTo(0.3085375387259869, within(1e-14));
		assertThat(StandardNormal.cdf(3.0)).isCloseTo(0.9986501019683699, within(1e-14));
	}

	@Test
	void tailsKeepRelativeAccuracy() {
		// relative tolerance 1e-10 %, i.e. 1e-12 relative
		assertThat(StandardNormal.cdf(-5.0)).isCloseTo(2.866515718791946e-07, withinPercentage(1e-10));
		assertThat(StandardNormal.complementaryCdf(5.0)).isCloseTo(2.866515718791946e-07, withinPercentage(1e-10));
		assertThat(StandardNormal.complementaryCdf(8.0)).isCloseTo(6.220960574271819e-16, withinPercentage(1e-10));
		assertThat(StandardNormal.cdf(-37.0)).isGreaterThan(0.0); // about 5.7e-300
		assertThat(StandardNormal.cdf(37.0)).isEqualTo(1.0);
		assertThat(StandardNormal.cdf(-50.0)).isEqualTo(0.0);
	}

	@Test
	void symmetric() {
		for (double z = -6; z <= 6; z += 0.37) {
			assertThat(StandardNormal.cdf(z) + StandardNormal.cdf(-z)).isCloseTo(1.0, within(1e-15));
		}
	}

	@Test
	void continuousAcrossTheSeriesToContinuedFractionSwitch() {
		assertThat(StandardNormal.cdf(-2.5 + 1e-12)).isCloseTo(StandardNormal.cdf(-2.5), withinPercentage(1e-8));
		// 0.5 * erfc(2.5 / sqrt(2)) = 0.006209665325776139
		assertThat(StandardNormal.cdf(-2.5)).isCloseTo(0.006209665325776139, withinPercentage(1e-10));
	}

}
