package dev.memoryaudit.trend;

import java.time.Instant;

/**
 * A measurement of the live set that reclaimed the old generation: usage after an old, mixed or full collection, or
 * the total of a live class histogram.
 *
 * @param time when it was measured
 * @param bytes the bytes still live
 * @param source {@link #OLD_COLLECTION}, {@link #CYCLE_RUNNING} or {@link #LIVE_HISTOGRAM}
 */
public record ReclaimedPoint(Instant time, long bytes, String source) {

	/** The lowest point of a completed reclamation cycle (old, mixed or full collections). */
	public static final String OLD_COLLECTION = "old-collection";

	/** The lowest point so far of a reclamation cycle still running: not evidence yet. */
	public static final String CYCLE_RUNNING = "old-collection, cycle still running";

	/** The total of a live class histogram: an exact measurement. */
	public static final String LIVE_HISTOGRAM = "live-histogram";

}
