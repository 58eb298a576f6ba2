package dev.memoryaudit.trend;

import java.time.Instant;

/**
 * A measurement of the live set: usage after an old, mixed or full collection, or an exact measurement (a
 * collector's marking, a full collection, a live class histogram).
 *
 * @param time when it was measured
 * @param bytes the bytes still live
 * @param source {@link #OLD_COLLECTION}, {@link #CYCLE_RUNNING}, {@link #LIVE_HISTOGRAM} or one of the sources of
 * {@link dev.memoryaudit.snapshot.LiveSetMeasurement}
 */
public record ReclaimedPoint(Instant time, long bytes, String source) {

	/** The lowest point of a completed reclamation cycle (old, mixed or full collections). */
	public static final String OLD_COLLECTION = "old-collection";

	/** The lowest point so far of a reclamation cycle still running: not evidence yet. */
	public static final String CYCLE_RUNNING = "old-collection, cycle still running";

	/** The total of a live class histogram: an exact measurement. */
	public static final String LIVE_HISTOGRAM = dev.memoryaudit.snapshot.LiveSetMeasurement.LIVE_HISTOGRAM;

	/**
	 * Whether this point is an exact measurement of the live set (not a reclamation cycle's floor).
	 * @return {@code true} for markings, full collections and live histograms
	 */
	public boolean exact() {
		return !OLD_COLLECTION.equals(this.source) && !CYCLE_RUNNING.equals(this.source);
	}

}
