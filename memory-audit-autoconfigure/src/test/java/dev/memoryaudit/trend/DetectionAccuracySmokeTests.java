package dev.memoryaudit.trend;

import java.time.Duration;
import java.util.List;

import dev.memoryaudit.accuracy.AccuracyRunner;
import dev.memoryaudit.accuracy.ConfirmingDetector;
import dev.memoryaudit.accuracy.GcRegime;
import dev.memoryaudit.accuracy.OurDetector;
import dev.memoryaudit.accuracy.Trace;
import dev.memoryaudit.accuracy.TraceGenerator;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A few seeded traces of the accuracy corpus (see {@code benchmarks/} and {@code docs/performance.md}) replayed tick
 * by tick through the trend analyzer.
 */
class DetectionAccuracySmokeTests {

	private final OurDetector detector = new OurDetector();

	private final String confirmed = this.detector.alarms().get(1);

	@Test
	void raisesNoConfirmedLeakOnNonLeakingTraces() {
		// Cache fills and the step fired before gate revision 3 (docs/performance.md).
		List<Trace> traces = List.of(TraceGenerator.steady(GcRegime.G1_FREQUENT, 1),
				TraceGenerator.steady(GcRegime.G1_QUIET, 1), TraceGenerator.cacheChurn(1),
				TraceGenerator.batchSpikes(GcRegime.PARALLEL, 1), TraceGenerator.warmup(GcRegime.G1_FREQUENT, 1),
				TraceGenerator.warmup(GcRegime.G1_FREQUENT, 2), TraceGenerator.cacheFill(GcRegime.G1_FREQUENT, 1),
				TraceGenerator.cacheFill(GcRegime.G1_FREQUENT, 2), TraceGenerator.step(GcRegime.G1_FREQUENT, 1));
		AccuracyRunner.Results results = AccuracyRunner.run(traces, List.of(this.detector));
		assertThat(results.falsePositives(this.confirmed)).extracting((o) -> o.trace().name()).isEmpty();
	}

	/**
	 * Issue 6's target (a leak of at least 0.5 %/h confirmed within 60 ticks) holds for a 5 %/h leak on G1 with
	 * frequent mixed collections: measured 38 ticks (seed 1, reclaimed-floor significance 0.01, docs/performance.md),
	 * asserted against the target itself.
	 */
	@Test
	void confirmsAFastLeakOnG1WithinTheTargetDelay() {
		AccuracyRunner.Outcome outcome = replay(TraceGenerator.leak(GcRegime.G1_FREQUENT, 0.05, 1));
		assertThat(outcome.falseAlarm()).isFalse();
		assertThat(outcome.delay()).isBetween(0, 60);
	}

	/**
	 * Not the target without confirmations: on Parallel a 5 %/h leak is confirmed after 189 ticks (seed 1,
	 * passive, docs/performance.md): one full collection every ~55 ticks gives too few reclaimed points;
	 * asserted with a margin so that a regression fails. With live-histogram confirmation it is met (below).
	 */
	@Test
	void confirmsAFastLeakOnParallelWithinTheMeasuredDelay() {
		AccuracyRunner.Outcome outcome = replay(TraceGenerator.leak(GcRegime.PARALLEL, 0.05, 1));
		assertThat(outcome.falseAlarm()).isFalse();
		assertThat(outcome.delay()).isBetween(0, 220);
	}

	/**
	 * With live-histogram confirmation (opt-in, the shipped after=5 and min-interval=10m), the target holds on
	 * Parallel and on G1 with rare mixed collections too: measured 31 and 34 ticks for 5 %/h and 2 %/h (seed 1,
	 * docs/performance.md); and a cache filling up and a warm-up still raise no confirmed leak.
	 */
	@Test
	void withLiveHistogramConfirmationConfirmsWithinTheTargetDelayAndRaisesNoFalseAlarm() {
		ConfirmingDetector confirming = new ConfirmingDetector(5, Duration.ofMinutes(10));
		List<Trace> traces = List.of(TraceGenerator.leak(GcRegime.PARALLEL, 0.05, 1),
				TraceGenerator.leak(GcRegime.G1_RARE, 0.02, 1), TraceGenerator.cacheFill(GcRegime.G1_RARE, 1),
				TraceGenerator.warmup(GcRegime.PARALLEL, 1));
		AccuracyRunner.Results results = AccuracyRunner.run(traces, List.of(confirming));
		String alarm = confirming.alarms().get(0);
		assertThat(results.falsePositives(alarm)).isEmpty();
		assertThat(results.outcomes().get(alarm).subList(0, 2)).allSatisfy((outcome) -> {
			assertThat(outcome.falseAlarm()).isFalse();
			assertThat(outcome.delay()).isBetween(0, 60);
		});
		assertThat(confirming.confirmations().values()).allSatisfy((taken) -> assertThat(taken).isPositive());
	}

	private AccuracyRunner.Outcome replay(Trace leak) {
		return AccuracyRunner.run(List.of(leak), List.of(this.detector)).outcomes().get(this.confirmed).get(0);
	}

}
