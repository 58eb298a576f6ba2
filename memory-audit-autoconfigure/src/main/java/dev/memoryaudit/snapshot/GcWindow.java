package dev.memoryaudit.snapshot;

import org.jspecify.annotations.Nullable;

/**
 * What garbage collections showed between two snapshots.
 * <p>
 * {@code afterGcFloor} is the lowest long-lived-pool usage right after any collection in the window (weak evidence of
 * the live set: after young collections it still holds promoted objects that have since died).
 * {@code reclaimedFloor} is the lowest long-lived-pool usage right after a collection that reclaimed the old
 * generation (old, mixed, full or whole-heap cycle), the strong evidence.
 *
 * @param notificationsAvailable whether GC notifications are delivered on this JVM
 * @param collections collections seen in the window
 * @param reclaimingCollections collections in the window that reclaimed the long-lived pools
 * @param afterGcFloor lowest long-lived usage after any collection, or {@code null} when none happened
 * @param reclaimedFloor lowest long-lived usage after a reclaiming collection, or {@code null} when none happened
 * @param pauseMillis summed durations reported by the collections in the window
 */
public record GcWindow(boolean notificationsAvailable, int collections, int reclaimingCollections,
		@Nullable Long afterGcFloor, @Nullable Long reclaimedFloor, long pauseMillis) {

	public static GcWindow unavailable() {
		return new GcWindow(false, 0, 0, null, null, 0);
	}

}
