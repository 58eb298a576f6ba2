package dev.memoryaudit.engine;

import dev.memoryaudit.histogram.ClassHistogram;

/**
 * A class histogram in history, tied to the snapshot taken with it.
 *
 * @param snapshotId the id of the snapshot taken with the histogram
 * @param trigger why it was taken: {@code baseline}, {@code scheduled}, {@code escalation}, {@code on-demand} or
 * {@code confirmation}
 * @param histogram the histogram
 */
public record HistogramRecord(long snapshotId, String trigger, ClassHistogram histogram) {
}
