package dev.memoryaudit.accuracy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.memoryaudit.engine.ConfirmationMode;
import dev.memoryaudit.engine.ConfirmationPolicy;
import dev.memoryaudit.engine.ConfirmationRunner;
import dev.memoryaudit.engine.EngineSettings;
import dev.memoryaudit.engine.ExplicitGc;
import dev.memoryaudit.engine.PauseBudget;
import dev.memoryaudit.histogram.ClassHistogram;
import dev.memoryaudit.snapshot.Snapshot;
import dev.memoryaudit.trend.TrendReport;
import dev.memoryaudit.trend.TrendThresholds;
import dev.memoryaudit.trend.VerdictLatch;
import org.jspecify.annotations.Nullable;

/**
 * Our detector with a confirmation mode: the replay runs the engine's own {@link ConfirmationRunner} (policy, pause
 * budget, "the collector's marking already answers") every tick and, on synthetic traces, drives the trace's model so
 * that each live histogram is a full collection: promoted garbage is gone, the live set is measured exactly, and the
 * pause is the budget's own prior model (a fixed cost plus a cost per MiB). Recorded traces have no model to drive:
 * on them the live histograms that the recording app took itself are replayed as they are (mode {@code auto} or
 * {@code live-histogram}) or dropped (mode {@code none}).
 */
public final class ConfirmingDetector implements Detector {

	private final OurDetector ours = new OurDetector();

	private final ConfirmationMode mode;

	private final int after;

	private final Duration minInterval;

	private final String label;

	private final Map<String, Cost> costs = new ConcurrentHashMap<>();

	/**
	 * Creates the detector.
	 * @param mode the confirmation mode
	 * @param after consecutive ticks of unconfirmed growth before a confirmation ({@code confirmation.after})
	 * @param minInterval minimum time between confirmations ({@code confirmation.min-interval})
	 * @param label the row label
	 */
	public ConfirmingDetector(ConfirmationMode mode, int after, Duration minInterval, String label) {
		this.mode = mode;
		this.after = after;
		this.minInterval = minInterval;
		this.label = label;
	}

	/**
	 * The defaults: {@code auto}, after 5 ticks, at most every 10 ticks.
	 * @return the detector
	 */
	public static ConfirmingDetector defaults() {
		return new ConfirmingDetector(ConfirmationMode.AUTO, 5, Duration.ofMinutes(10), "ours, defaults (auto)");
	}

	@Override
	public List<String> alarms() {
		return List.of(this.label + ": LEAK_SUSPECTED", this.label + ": top-level GROWING or LEAK_SUSPECTED");
	}

	@Override
	public List<boolean[]> replay(Trace trace) {
		TraceGenerator.SyntheticJvm jvm = (trace.simulation() != null) ? trace.simulation().get() : null;
		int ticks = trace.rows().size();
		List<Snapshot> snapshots = new ArrayList<>(ticks);
		boolean[] leak = new boolean[ticks];
		boolean[] growth = new boolean[ticks];
		VerdictLatch latch = OurDetector.latch();
		PauseBudget budget = new PauseBudget(EngineSettings.DEFAULT_PAUSE_BUDGET, EngineSettings.DEFAULT_MAX_PAUSE);
		long[] paused = new long[2];
		ConfirmationRunner runner = new ConfirmationRunner(this.mode,
				new ConfirmationPolicy(this.after, this.minInterval, TrendThresholds.defaults().minGrowthRate()),
				this.minInterval, budget, new NoConcurrentCycle(), (snapshot) -> {
					if (jvm == null) {
						return null;
					}
					long live = jvm.collectNow();
					long pause = Math.round(PauseBudget.prior(live));
					paused[0]++;
					paused[1] += pause;
					return new ClassHistogram(List.of(), 0, live, 0, true, snapshot.time().plusMillis(pause),
							Duration.ofMillis(pause));
				});
		for (int i = 0; i < ticks; i++) {
			TraceRow row = (jvm != null) ? jvm.next(false) : trace.rows().get(i);
			if (jvm == null && this.mode == ConfirmationMode.NONE) {
				row = row.withoutLiveHistogram();
			}
			snapshots.add(OurDetector.snapshot(i + 1, row));
			TrendReport report = this.ours.analyze(snapshots, i, runner.confirmations(), this.mode.value());
			if (jvm != null && runner.run(report, snapshots.get(i), snapshots)) {
				report = this.ours.analyze(snapshots, i, runner.confirmations(), this.mode.value());
			}
			report = latch.apply(report);
			leak[i] = OurDetector.leakAlarm(report);
			growth[i] = report.verdict().isGrowth();
		}
		double hours = ticks / 60.0;
		this.costs.put(trace.name(), new Cost(paused[0] / hours, paused[1] / hours));
		return List.of(leak, growth);
	}

	/**
	 * What the confirmations cost on each trace of the last replay.
	 * @return trace name to cost
	 */
	public Map<String, Cost> costs() {
		return Map.copyOf(this.costs);
	}

	/**
	 * The costs as {@code [live histograms per hour, pause ms per hour]} per trace, for
	 * {@link AccuracyRunner.Results#collectorSummary}.
	 * @return trace name to cost
	 */
	public Map<String, double[]> costArrays() {
		Map<String, double[]> arrays = new java.util.HashMap<>();
		this.costs.forEach((name, cost) -> arrays.put(name,
				new double[] { cost.histogramsPerHour(), cost.pauseMillisPerHour() }));
		return arrays;
	}

	/**
	 * Live histograms taken and milliseconds paused, per hour of trace.
	 *
	 * @param histogramsPerHour live histograms per hour
	 * @param pauseMillisPerHour modelled pause per hour
	 */
	public record Cost(double histogramsPerHour, double pauseMillisPerHour) {
	}

	private static final class NoConcurrentCycle extends ExplicitGc {

		@Override
		public @Nullable String unavailableReason() {
			return "the replay models no concurrent cycle";
		}

	}

	@Override
	public String toString() {
		return String.format(Locale.ROOT, "%s (%s, after %d, every %s)", this.label, this.mode.value(), this.after,
				this.minInterval);
	}

}
