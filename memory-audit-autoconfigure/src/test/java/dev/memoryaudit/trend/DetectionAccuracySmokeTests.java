package dev.memoryaudit.trend;

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
 * A few seeded traces of the accuracy corpus (see {@code benchmarks/} and {@code benchmarks/NOTEBOOK.md}) replayed tick
 * by tick through the trend analyzer.
 */
class DetectionAccuracySmokeTests {

	private final OurDetector detector = new OurDetector();

	private final String confirmed = this.detector.alarms().get(1);

	@Test
	void raisesNoConfirmedLeakOnNonLeakingTraces() {
		// Cache fills and the step fired before gate revision 3 (benchmarks/NOTEBOOK.md).
		List<Trace> traces = List.of(TraceGenerator.steady(GcRegime.G1_FREQUENT, 1),
				TraceGenerator.steady(GcRegime.ZGC, 1), TraceGenerator.steady(GcRegime.SHENANDOAH, 1),
				TraceGenerator.warmup(GcRegime.ZGC, 1), TraceGenerator.batchSpikes(GcRegime.SHENANDOAH, 1),
				TraceGenerator.steady(GcRegime.G1_QUIET, 1), TraceGenerator.cacheChurn(1),
				TraceGenerator.batchSpikes(GcRegime.PARALLEL, 1), TraceGenerator.warmup(GcRegime.G1_FREQUENT, 1),
				TraceGenerator.warmup(GcRegime.G1_FREQUENT, 2), TraceGenerator.cacheFill(GcRegime.G1_FREQUENT, 1),
				TraceGenerator.cacheFill(GcRegime.G1_FREQUENT, 2), TraceGenerator.step(GcRegime.G1_FREQUENT, 1));
		AccuracyRunner.Results results = AccuracyRunner.run(traces, List.of(this.detector));
		assertThat(results.falsePositives(this.confirmed)).extracting((o) -> o.trace().name()).isEmpty();
	}

	/**
	 * The target (a leak of at least 0.5 %/h confirmed within 60 ticks) holds on G1 with frequent markings, from the
	 * exact points of G1's own marking, for 5 %/h and 0.5 %/h.
	 */
	@Test
	void confirmsLeaksOnG1WithFrequentMarkingWithinTheTargetDelay() {
		for (double rate : new double[] { 0.05, 0.005 }) {
			AccuracyRunner.Outcome outcome = replay(TraceGenerator.leak(GcRegime.G1_FREQUENT, rate, 1));
			assertThat(outcome.falseAlarm()).isFalse();
			assertThat(outcome.delay()).as("rate %s", rate).isBetween(0, 60);
		}
	}

	@Test
	void confirmsASlowLeakOnZgcAndShenandoahWithinTheTargetDelay() {
		for (GcRegime regime : new GcRegime[] { GcRegime.ZGC, GcRegime.SHENANDOAH }) {
			AccuracyRunner.Outcome outcome = replay(TraceGenerator.leak(regime, 0.005, 2));
			assertThat(outcome.falseAlarm()).isFalse();
			assertThat(outcome.delay()).as(regime.name()).isBetween(0, 60);
		}
	}

	/**
	 * Not the target without confirmations: on Parallel a 5 %/h leak on a 1 GiB heap is confirmed after about 190
	 * ticks (seed 1): one full collection every ~55 ticks gives too few exact points, and a live histogram of the
	 * 200 MiB live set would pause above the maximum; asserted with a margin so that a regression fails.
	 */
	@Test
	void confirmsAFastLeakOnParallelWithinTheMeasuredDelay() {
		AccuracyRunner.Outcome outcome = replay(TraceGenerator.leak(GcRegime.PARALLEL, 0.05, 1));
		assertThat(outcome.falseAlarm()).isFalse();
		assertThat(outcome.delay()).isBetween(0, 220);
	}

	/**
	 * The default confirmation (auto) on a small heap whose G1 marks rarely: a live histogram costs tens of
	 * milliseconds there, so the pause budget allows confirmations and a 2 %/h leak is confirmed about an hour in
	 * (measured 55 and 65 ticks, seeds 1 and 2, with the engine started at the trace's first tick; 47 and 27 when the
	 * replay counted warm-ups from JVM start only: where the leak falls in the backed-off confirmations' rhythm decides
	 * it); with confirmation off it waits for G1's own marking (244 ticks). This collector does not measure the live set
	 * once per 15 ticks, so the 60-tick target does not bind here; the bound below tells confirmation from its absence.
	 * The healthy twin raises no alarm and takes few live histograms. On a 1 GiB heap with a 200 MiB live set a live
	 * histogram is predicted above the 200 ms maximum, and auto takes none.
	 */
	@Test
	void autoConfirmationConfirmsOnASmallHeapWithinTheTargetAndStaysPassiveWhereAPauseWouldBeTooLong() {
		ConfirmingDetector auto = ConfirmingDetector.defaults();
		List<Trace> traces = List.of(TraceGenerator.smallHeap(GcRegime.G1_QUIET, 0.02, 1),
				TraceGenerator.smallHeap(GcRegime.G1_QUIET, 0.02, 2), TraceGenerator.smallHeap(GcRegime.G1_QUIET, 0, 1),
				TraceGenerator.leak(GcRegime.G1_RARE, 0.02, 1));
		AccuracyRunner.Results results = AccuracyRunner.run(traces, List.of(auto));
		String alarm = auto.alarms().get(0);
		assertThat(results.falsePositives(alarm)).isEmpty();
		assertThat(results.outcomes().get(alarm).subList(0, 2)).allSatisfy((outcome) -> {
			assertThat(outcome.falseAlarm()).isFalse();
			assertThat(outcome.delay()).isBetween(0, 80);
		});
		assertThat(auto.costs().get(traces.get(0).name()).histogramsPerHour()).isPositive();
		assertThat(auto.costs().get(traces.get(2).name()).histogramsPerHour()).isLessThan(6);
		assertThat(auto.costs().get(traces.get(3).name()).histogramsPerHour()).isZero();
	}

	private AccuracyRunner.Outcome replay(Trace leak) {
		return AccuracyRunner.run(List.of(leak), List.of(this.detector)).outcomes().get(this.confirmed).get(0);
	}

}
