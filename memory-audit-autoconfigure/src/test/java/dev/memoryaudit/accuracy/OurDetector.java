package dev.memoryaudit.accuracy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.memoryaudit.snapshot.GcWindow;
import dev.memoryaudit.snapshot.LiveSetMeasurement;
import dev.memoryaudit.snapshot.MemoryFigures;
import dev.memoryaudit.snapshot.Snapshot;
import dev.memoryaudit.snapshot.ThreadFigures;
import dev.memoryaudit.trend.Confirmation;
import dev.memoryaudit.trend.SeriesDefinition;
import dev.memoryaudit.trend.TrendAnalyzer;
import dev.memoryaudit.trend.TrendInput;
import dev.memoryaudit.trend.TrendReport;
import dev.memoryaudit.trend.TrendThresholds;
import dev.memoryaudit.trend.Verdict;
import dev.memoryaudit.trend.VerdictLatch;

/**
 * Our detector: {@link TrendAnalyzer} with the live-set series over the history a default engine keeps (1,440
 * snapshots), re-run at every tick. Two alarms: any growth verdict (GROWING, confirmed or not, or LEAK_SUSPECTED) and
 * the confirmed LEAK_SUSPECTED verdict.
 */
public final class OurDetector implements Detector {

	static final int HISTORY = 1440;

	private final TrendAnalyzer analyzer;

	public OurDetector() {
		this(TrendThresholds.defaults());
	}

	public OurDetector(TrendThresholds thresholds) {
		SeriesDefinition liveSet = SeriesDefinition.standard()
			.stream()
			.filter((d) -> d.name().equals(SeriesDefinition.LIVE_SET))
			.findFirst()
			.orElseThrow();
		this.analyzer = new TrendAnalyzer(thresholds, List.of(liveSet));
	}

	@Override
	public List<String> alarms() {
		return List.of("ours: any growth (GROWING or LEAK_SUSPECTED)", "ours: confirmed (LEAK_SUSPECTED)");
	}

	/**
	 * The latch the engine applies to its verdicts, with the engine's defaults.
	 * @return a new latch
	 */
	public static VerdictLatch latch() {
		return new VerdictLatch(2 * TrendThresholds.defaults().minPoints(), 5, TrendThresholds.defaults().minGrowthRate());
	}

	/**
	 * Whether a report raises the leak alarm: LEAK_SUSPECTED on strong evidence.
	 * @param report the report
	 * @return whether it alarms
	 */
	public static boolean leakAlarm(TrendReport report) {
		return report.verdict() == Verdict.LEAK_SUSPECTED && report.confirmed();
	}

	@Override
	public List<boolean[]> replay(Trace trace) {
		List<Snapshot> snapshots = snapshots(trace);
		boolean[] growth = new boolean[snapshots.size()];
		boolean[] confirmed = new boolean[snapshots.size()];
		VerdictLatch latch = latch();
		for (int i = 0; i < snapshots.size(); i++) {
			TrendReport report = latch.apply(analyze(snapshots, i));
			growth[i] = report.verdict().isGrowth();
			confirmed[i] = leakAlarm(report);
		}
		return List.of(growth, confirmed);
	}

	/**
	 * The report at a tick, from the history an engine would hold then.
	 * @param snapshots all snapshots of the trace
	 * @param tick the tick
	 * @return the report
	 */
	public TrendReport analyze(List<Snapshot> snapshots, int tick) {
		return analyze(snapshots, tick, List.of(), "none");
	}

	/**
	 * The report at a tick, with the confirmations taken so far. The engine is taken to have started at the trace's
	 * first snapshot, as it does in an application (it passes its start to the analyzer, and warm-ups count from the
	 * later of JVM start and engine start): a synthetic trace of a JVM that has long been up starts with no history,
	 * and the engine that begins watching it waits out its warm-ups like one started in a long-running JVM would.
	 * @param snapshots all snapshots of the trace
	 * @param tick the tick
	 * @param confirmations confirmations taken up to the tick, oldest first
	 * @param mode the confirmation mode
	 * @return the report
	 */
	public TrendReport analyze(List<Snapshot> snapshots, int tick, List<Confirmation> confirmations, String mode) {
		List<Snapshot> history = snapshots.subList(Math.max(0, tick + 1 - HISTORY), tick + 1);
		return this.analyzer.analyze(new TrendInput(history.get(history.size() - 1).time(), history, List.of(),
				confirmations, mode, List.of(), List.of(), snapshots.get(0).time()));
	}

	/**
	 * Snapshots carrying what the trace rows recorded: the after-GC floor as the live set, the reclaimed floor and the
	 * reclaiming collections in the GC window.
	 * @param trace the trace
	 * @return one snapshot per row
	 */
	public static List<Snapshot> snapshots(Trace trace) {
		List<Snapshot> snapshots = new ArrayList<>(trace.rows().size());
		long id = 1;
		for (TraceRow row : trace.rows()) {
			snapshots.add(snapshot(id++, row));
		}
		return snapshots;
	}

	/**
	 * The snapshot of one row.
	 * @param id the snapshot id
	 * @param row the row
	 * @return the snapshot
	 */
	public static Snapshot snapshot(long id, TraceRow row) {
		Long floor = row.afterGcFloor();
		Instant time = Instant.ofEpochMilli(row.epochMillis());
		List<LiveSetMeasurement> measurements = (row.exactLive() != null && row.exactSource() != null)
				? List.of(new LiveSetMeasurement(time.minusMillis(1), row.exactLive(), row.exactSource())) : List.of();
		GcWindow gc = new GcWindow(true, (floor != null) ? 1 + row.reclaimingCollections() : 0,
				row.reclaimingCollections(), floor, row.reclaimedFloor(), 0, measurements);
		return new Snapshot(id, time, row.uptimeMillis(),
				new MemoryFigures(row.heapUsed(), row.heapMax(), row.heapMax()), floor,
				(floor != null) ? "gc-notification" : null, gc, List.of(), 0, List.of(), List.of(),
				new ThreadFigures(20, 10, 20, 20), 10_000, null, null, null, Map.of(), 0, 0L, 0L);
	}

}
