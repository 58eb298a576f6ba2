package dev.memoryaudit.trend;

import java.util.List;

import dev.memoryaudit.accuracy.AccuracyRunner;
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
		List<Trace> traces = List.of(TraceGenerator.steady(GcRegime.G1_FREQUENT, 1),
				TraceGenerator.steady(GcRegime.G1_QUIET, 1), TraceGenerator.cacheChurn(1),
				TraceGenerator.batchSpikes(GcRegime.PARALLEL, 1), TraceGenerator.warmup(GcRegime.G1_FREQUENT, 1));
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
	 * Not the target yet: on Parallel a 5 %/h leak is confirmed after 188 ticks (seed 1, reclaimed-floor
	 * significance 0.01, docs/performance.md);
	 * asserted with a margin so that a regression fails. Tighten to 60 when the detector meets the target there.
	 */
	@Test
	void confirmsAFastLeakOnParallelWithinTheMeasuredDelay() {
		AccuracyRunner.Outcome outcome = replay(TraceGenerator.leak(GcRegime.PARALLEL, 0.05, 1));
		assertThat(outcome.falseAlarm()).isFalse();
		assertThat(outcome.delay()).isBetween(0, 220);
	}

	private AccuracyRunner.Outcome replay(Trace leak) {
		return AccuracyRunner.run(List.of(leak), List.of(this.detector)).outcomes().get(this.confirmed).get(0);
	}

}
