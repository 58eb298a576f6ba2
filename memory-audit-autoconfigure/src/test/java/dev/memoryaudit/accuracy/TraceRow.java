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
 */
public record TraceRow(long epochMillis, long uptimeMillis, long heapUsed, long heapMax, @Nullable Long afterGcFloor,
		@Nullable Long reclaimedFloor, int reclaimingCollections, String label) {
}
