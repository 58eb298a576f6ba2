package dev.memoryaudit.accuracy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.memoryaudit.engine.ConfirmationPolicy;
import dev.memoryaudit.snapshot.Snapshot;
import dev.memoryaudit.trend.Confirmation;
import dev.memoryaudit.trend.TrendReport;
import dev.memoryaudit.trend.TrendThresholds;
import dev.memoryaudit.trend.Verdict;

/**
 * Our detector with {@code memory.audit.confirmation.mode=live-histogram}: the replay asks the engine's own
 * {@link ConfirmationPolicy} when a confirmation is due and, on synthetic traces, drives the trace's model so that each
 * confirmation is a full collection: promoted garbage is gone and the next tick's reclaimed floor is the exact live
 * set. Recorded traces have no model to drive; on them this detector sees what the passive one sees.
 */
public final class ConfirmingDetector implements Detector {

	private final OurDetector ours = new OurDetector();

	private final int after;

	private final Duration minInterval;

	private final Map<String, Integer> confirmations = new ConcurrentHashMap<>();

	/**
	 * Creates the detector.
	 * @param after consecutive ticks of unconfirmed growth before a confirmation ({@code confirmation.after})
	 * @param minInterval minimum time between confirmations ({@code confirmation.min-interval})
	 */
	public ConfirmingDetector(int after, Duration minInterval) {
		this.after = after;
		this.minInterval = minInterval;
	}

	@Override
	public List<String> alarms() {
		return List.of(String.format(Locale.ROOT,
				"ours + live-histogram confirmation (after %d ticks, at most every %s), confirmed", this.after,
				dev.memoryaudit.trend.Units.duration(this.minInterval)));
	}

	@Override
	public List<boolean[]> replay(Trace trace) {
		if (trace.simulation() == null) {
			this.confirmations.put(trace.name(), 0);
			return List.of(this.ours.replay(trace).get(1));
		}
		TraceGenerator.SyntheticJvm jvm = trace.simulation().get();
		ConfirmationPolicy policy = new ConfirmationPolicy(this.after, this.minInterval,
				TrendThresholds.defaults().minGrowthRate());
		int ticks = trace.rows().size();
		List<Snapshot> snapshots = new ArrayList<>(ticks);
		boolean[] confirmed = new boolean[ticks];
		boolean collectNext = false;
		Instant requestedAt = null;
		List<Confirmation> taken = new ArrayList<>();
		for (int i = 0; i < ticks; i++) {
			TraceRow row = jvm.next(collectNext);
			if (collectNext) {
				// The live histogram ran right after the previous tick's snapshot.
				Instant at = requestedAt.plusSeconds(1);
				policy.taken(requestedAt, jvm.lastFullCollectionLive());
				taken.add(new Confirmation(at, "live-histogram", 0, jvm.lastFullCollectionLive()));
			}
			snapshots.add(OurDetector.snapshot(i + 1, row));
			TrendReport report = this.ours.analyze(snapshots, i, taken, "live-histogram");
			confirmed[i] = report.verdict() == Verdict.LEAK_SUSPECTED && report.confirmed();
			requestedAt = Instant.ofEpochMilli(row.epochMillis());
			collectNext = policy.due(report, requestedAt);
		}
		this.confirmations.put(trace.name(), taken.size() + (collectNext ? 1 : 0));
		return List.of(confirmed);
	}

	/**
	 * Confirmations (live histograms, each a full collection) taken per trace in the last replay.
	 * @return trace name to confirmations
	 */
	public Map<String, Integer> confirmations() {
		return Map.copyOf(this.confirmations);
	}

}
