package dev.memoryaudit.report;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.memoryaudit.engine.HistogramRecord;
import dev.memoryaudit.snapshot.Snapshot;
import org.jspecify.annotations.Nullable;

/**
 * One line of the snapshot list: id, time, live set, heap used, and whether a histogram was taken with it.
 *
 * @param id the snapshot id
 * @param time when it was taken
 * @param uptimeMillis JVM uptime at capture
 * @param liveSetBytes the live-set estimate, {@code null} when no collection happened since the previous snapshot
 * @param heapUsedBytes heap used
 * @param hasHistogram whether a class histogram was taken with it
 * @param histogramTrigger why the histogram was taken, when there is one
 */
public record SnapshotSummary(long id, Instant time, long uptimeMillis, @Nullable Long liveSetBytes,
		long heapUsedBytes, boolean hasHistogram, @Nullable String histogramTrigger) {

	/**
	 * Summarizes a snapshot.
	 * @param snapshot the snapshot
	 * @param histogram the histogram taken with it, or {@code null}
	 * @return the summary
	 */
	public static SnapshotSummary of(Snapshot snapshot, @Nullable HistogramRecord histogram) {
		return new SnapshotSummary(snapshot.id(), snapshot.time(), snapshot.uptimeMillis(), snapshot.liveSetBytes(),
				snapshot.heap().used(), histogram != null, (histogram != null) ? histogram.trigger() : null);
	}

	/**
	 * Summarizes snapshots, oldest first.
	 * @param snapshots the snapshots
	 * @param histograms the histograms in history
	 * @return the summaries
	 */
	public static List<SnapshotSummary> of(List<Snapshot> snapshots, List<HistogramRecord> histograms) {
		Map<Long, HistogramRecord> byId = histograms.stream()
			.collect(Collectors.toMap(HistogramRecord::snapshotId, Function.identity(), (a, b) -> b));
		return snapshots.stream().map((s) -> of(s, byId.get(s.id()))).toList();
	}

}
