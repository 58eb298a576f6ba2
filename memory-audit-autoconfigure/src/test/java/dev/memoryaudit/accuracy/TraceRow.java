package dev.memoryaudit.accuracy;

import org.jspecify.annotations.Nullable;

/**
 * One tick of a memory trace: what a snapshot saw of the heap and of the collections since the previous tick.
 *
 * @param epochMillis wall-clock time of the tick
 * @param uptimeMillis JVM uptime at the tick
 * @param heapUsed heap used at the tick (raw, sawtooth)
 * @param heapMax heap maximum
 * @param afterGcFloor lowest long-lived usage after any collection since the previous tick, {@code null} when none
 * @param reclaimedFloor lowest long-lived usage after a collection that reclaimed the old generation since the previous
 * tick, {@code null} when none
 * @param reclaimingCollections old, mixed or full collections since the previous tick
 * @param label free-form label (phase of the scenario)
 * @param exactLive the last exact live-set measurement since the previous tick (a marking, a full collection, a live
 * histogram), {@code null} when none
 * @param exactSource where {@code exactLive} came from (a {@link dev.memoryaudit.snapshot.LiveSetMeasurement} source),
 * {@code null} when none
 */
public record TraceRow(long epochMillis, long uptimeMillis, long heapUsed, long heapMax, @Nullable Long afterGcFloor,
		@Nullable Long reclaimedFloor, int reclaimingCollections, String label, @Nullable Long exactLive,
		@Nullable String exactSource) {

	/**
	 * A row without an exact measurement (traces recorded before exact sources existed).
	 * @param epochMillis wall-clock time of the tick
	 * @param uptimeMillis JVM uptime at the tick
	 * @param heapUsed heap used at the tick
	 * @param heapMax heap maximum
	 * @param afterGcFloor lowest long-lived usage after any collection, {@code null} when none
	 * @param reclaimedFloor lowest long-lived usage after a reclaiming collection, {@code null} when none
	 * @param reclaimingCollections old, mixed or full collections since the previous tick
	 * @param label free-form label
	 */
	public TraceRow(long epochMillis, long uptimeMillis, long heapUsed, long heapMax, @Nullable Long afterGcFloor,
			@Nullable Long reclaimedFloor, int reclaimingCollections, String label) {
		this(epochMillis, uptimeMillis, heapUsed, heapMax, afterGcFloor, reclaimedFloor, reclaimingCollections, label,
				null, null);
	}

	/**
	 * A copy without its exact measurement when it came from a live histogram (a confirmation of ours).
	 * @return the row as a replay with confirmation off sees it
	 */
	public TraceRow withoutLiveHistogram() {
		return dev.memoryaudit.snapshot.LiveSetMeasurement.LIVE_HISTOGRAM.equals(this.exactSource)
				? new TraceRow(this.epochMillis, this.uptimeMillis, this.heapUsed, this.heapMax, this.afterGcFloor,
						this.reclaimedFloor, this.reclaimingCollections, this.label)
				: this;
	}

}
