package dev.memoryaudit.report;

import java.util.List;
import java.util.stream.Collectors;

import dev.memoryaudit.engine.HistogramRecord;
import dev.memoryaudit.engine.HistoryLookupException;
import dev.memoryaudit.engine.MemoryAuditEngine;
import dev.memoryaudit.histogram.HistogramDiff;
import org.jspecify.annotations.Nullable;

/**
 * A heap diff with the snapshot ids it compares.
 *
 * @param from the older snapshot id
 * @param to the newer snapshot id
 * @param fromTrigger why the older histogram was taken
 * @param toTrigger why the newer histogram was taken
 * @param diff the diff
 */
public record HeapDiffReport(long from, long to, String fromTrigger, String toTrigger, HistogramDiff diff) {

	/**
	 * Diffs two histograms of the engine's history.
	 * @param engine the engine
	 * @param from the older snapshot id, {@code null} for the oldest histogram
	 * @param to the newer snapshot id, {@code null} for the newest histogram
	 * @param limit the maximum number of classes listed
	 * @return the diff
	 * @throws HistoryLookupException when an id has no histogram or fewer than two exist
	 */
	public static HeapDiffReport of(MemoryAuditEngine engine, @Nullable Long from, @Nullable Long to, int limit) {
		List<HistogramRecord> records = engine.histograms();
		if (records.size() < 2 && (from == null || to == null)) {
			String unavailable = engine.histogramUnavailable();
			String why = (unavailable != null) ? unavailable
					: "only " + records.size() + " class histogram(s) in history so far";
			throw new HistoryLookupException("no two histograms to diff: " + why,
					"a histogram taken on demand, or the scheduled ones (memory.audit.histogram.interval)");
		}
		HistogramRecord older = (from != null) ? find(records, from, "from") : records.get(0);
		HistogramRecord newer = (to != null) ? find(records, to, "to") : records.get(records.size() - 1);
		return new HeapDiffReport(older.snapshotId(), newer.snapshotId(), older.trigger(), newer.trigger(),
				HistogramDiff.between(older.histogram(), newer.histogram(), limit));
	}

	private static HistogramRecord find(List<HistogramRecord> records, long id, String parameter) {
		for (HistogramRecord record : records) {
			if (record.snapshotId() == id) {
				return record;
			}
		}
		String ids = records.stream().map((h) -> String.valueOf(h.snapshotId())).collect(Collectors.joining(", "));
		throw new HistoryLookupException("no histogram for snapshot " + id + " ('" + parameter + "')",
				"snapshot ids with a histogram: " + (ids.isEmpty() ? "none yet" : ids));
	}

}
