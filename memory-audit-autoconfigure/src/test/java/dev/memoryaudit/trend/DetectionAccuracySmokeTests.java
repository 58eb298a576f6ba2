package dev.memoryaudit.trend;

import java.util.List;

import dev.memoryaudit.accuracy.AccuracyRunner;
import dev.memoryaudit.accuracy.GcRegime;
import dev.memoryaudit.accuracy.OurDetector;
import dev.memoryaudit.accuracy.Trace;
import dev.memoryaudit.accuracy.TraceGenerator;
import org.junit.jupiter.api.Disabled;
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

	@Test
	void confirmsAFastLeakOnG1() {
		Trace leak = TraceGenerator.leak(GcRegime.G1_FREQUENT, 0.05, 1);
		AccuracyRunner.Outcome outcome = AccuracyRunner.run(List.of(leak), List.of(this.detector))
			.outcomes()
			.get(this.confirmed)
			.get(0);
		assertThat(outcome.falseAlarm()).isFalse();
		assertThat(outcome.delay()).isBetween(0, 300);
	}

	@Test
	@Disabled("issue 6 target not met yet: a 5 %/h leak is confirmed after ~260 ticks on G1 with frequent mixed "
			+ "collections and never on Parallel; see docs/performance.md")
	void confirmsFastLeaksWithinTheTargetDelay() {
		List<Trace> leaks = List.of(TraceGenerator.leak(GcRegime.G1_FREQUENT, 0.05, 1),
				TraceGenerator.leak(GcRegime.PARALLEL, 0.05, 1));
		AccuracyRunner.Results results = AccuracyRunner.run(leaks, List.of(this.detector));
		assertThat(results.targetMisses(this.confirmed)).extracting((o) -> o.trace().name()).isEmpty();
	}

}
