package dev.memoryaudit.report;

import dev.memoryaudit.histogram.HistogramDiff;

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
}
