package dev.memoryaudit.trend;

import java.time.Duration;
import java.util.Random;
import java.util.function.IntToDoubleFunction;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Verdicts of {@link SeriesAssessor} on synthetic series: sawtooth, warm-up plateau, cache filling to a cap, slow
 * leak and step change.
 */
class SeriesAssessorTests {

	private static final double MIB = 1024 * 1024;

	private static final double HEAP_MAX = 4096 * MIB;

	private final SeriesAssessor assessor = new SeriesAssessor(TrendThresholds.defaults());

	private static TrendSeries series(int ticks, IntToDoubleFunction value) {
		double[] times = new double[ticks];
		double[] values = new double[ticks];
		for (int i = 0; i < ticks; i++) {
			times[i] = 1_700_000_000 + i * 60.0;
			values[i] = value.applyAsDouble(i);
		}
		return new TrendSeries("live-set", "bytes", times, values, HEAP_MAX, MIB);
	}

	@Test
	void tooFewPointsAreInsufficientData() {
		SeriesAssessment assessment = this.assessor.assess(series(5, (i) -> 100 * MIB + i * MIB));
		assertThat(assessment.verdict()).isEqualTo(Verdict.INSUFFICIENT_DATA);
		assertThat(assessment.reason()).contains("5 of 12");
	}

	@Test
	void sawtoothFloorWithNoiseIsStable() {
		Random random = new Random(1);
		// After-GC floor of a sawtooth heap: flat around 300 MiB with a few MiB of noise, periodic small bumps.
		SeriesAssessment assessment = this.assessor
			.assess(series(240, (i) -> 300 * MIB + (i % 10) * 0.2 * MIB + random.nextGaussian() * 2 * MIB));
		assertThat(assessment.verdict()).isEqualTo(Verdict.STABLE);
	}

	@Test
	void warmupPlateauIsStable() {
		Random random = new Random(2);
		// Rises 200 MiB over the first 40 ticks, then flat for 200 ticks.
		SeriesAssessment assessment = this.assessor.assess(
				series(240, (i) -> 100 * MIB + Math.min(i, 40) * 5 * MIB + random.nextGaussian() * MIB));
		assertThat(assessment.verdict()).isEqualTo(Verdict.STABLE);
	}

	@Test
	void longRampThatLevelsOffIsStableWithTheReason() {
		Random random = new Random(8);
		// Rises 2 MiB a tick for 80 ticks, then flat for the recent 40: the recent part shows no growth.
		SeriesAssessment assessment = this.assessor.assess(
				series(120, (i) -> 100 * MIB + Math.min(i, 80) * 2 * MIB + random.nextGaussian() * 0.5 * MIB));
		assertThat(assessment.verdict()).isEqualTo(Verdict.STABLE);
		assertThat(assessment.reason()).contains("levelled off");
	}

	@Test
	void cacheFilledToItsCapIsNotALeak() {
		Random random = new Random(3);
		// Fills asymptotically towards a 500 MiB cap.
		SeriesAssessment assessment = this.assessor.assess(series(240,
				(i) -> 100 * MIB + 500 * MIB * (1 - Math.exp(-i / 30.0)) + random.nextGaussian() * MIB));
		assertThat(assessment.verdict()).isNotEqualTo(Verdict.LEAK_SUSPECTED);
	}

	@Test
	void steadyOneMebibytePerMinuteIsSuspectedWithinThirtyTicks() {
		Random random = new Random(4);
		SeriesAssessment assessment = this.assessor
			.assess(series(30, (i) -> 200 * MIB + i * MIB + random.nextGaussian() * 0.5 * MIB));
		assertThat(assessment.verdict()).isEqualTo(Verdict.LEAK_SUSPECTED);
		assertThat(assessment.slopePerHour()).isBetween(50 * MIB, 70 * MIB);
		assertThat(assessment.exhaustionSeconds()).isPositive();
	}

	@Test
	void slowLeakOfHalfAPercentOfMaxPerHourIsSuspectedWithinSixtyTicks() {
		Random random = new Random(5);
		double perTick = 0.005 * HEAP_MAX / 60;
		SeriesAssessment assessment = this.assessor
			.assess(series(60, (i) -> 300 * MIB + i * perTick + random.nextGaussian() * 0.1 * MIB));
		assertThat(assessment.verdict()).isEqualTo(Verdict.LEAK_SUSPECTED);
	}

	@Test
	void growthBelowTheMinimumRateIsStable() {
		double perTick = 0.0005 * HEAP_MAX / 60;
		SeriesAssessment assessment = this.assessor.assess(series(120, (i) -> 300 * MIB + i * perTick));
		assertThat(assessment.verdict()).isEqualTo(Verdict.STABLE);
		assertThat(assessment.reason()).contains("below the minimum");
	}

	@Test
	void stepChangeThenFlatIsStable() {
		Random random = new Random(6);
		SeriesAssessment assessment = this.assessor
			.assess(series(120, (i) -> ((i < 60) ? 200 * MIB : 400 * MIB) + random.nextGaussian() * MIB));
		assertThat(assessment.verdict()).isEqualTo(Verdict.STABLE);
	}

	@Test
	void decreasingSeriesIsStable() {
		SeriesAssessment assessment = this.assessor.assess(series(60, (i) -> 800 * MIB - i * MIB));
		assertThat(assessment.verdict()).isEqualTo(Verdict.STABLE);
		assertThat(assessment.exhaustionSeconds()).isNull();
	}

	@Test
	void growthSlowingButStillSignificantIsGrowing() {
		Random random = new Random(7);
		// Fast growth, then a third as fast: significant recently, but below half the overall slope.
		SeriesAssessment assessment = this.assessor.assess(series(90,
				(i) -> 100 * MIB + ((i < 60) ? i * 6 * MIB : 360 * MIB + (i - 60) * 1 * MIB)
						+ random.nextGaussian() * 0.1 * MIB));
		assertThat(assessment.verdict()).isEqualTo(Verdict.GROWING);
		assertThat(assessment.reason()).contains("slowing");
	}

	@Test
	void exhaustionIsTimeToCeilingAtTheFittedSlope() {
		// 60 MiB/h from 1,000 MiB: (4,096 - 1,000 - 59) MiB left at 60 MiB/h ≈ 50.6 h.
		SeriesAssessment assessment = this.assessor.assess(series(60, (i) -> 1000 * MIB + i * MIB));
		assertThat(assessment.exhaustionSeconds()).isCloseTo((long) ((4096 - 1059) / 60.0 * 3600), org.assertj.core.data.Offset.offset(60L));
		assertThat(Duration.ofSeconds(assessment.exhaustionSeconds()).toHours()).isEqualTo(50);
	}

}
