package dev.memoryaudit.snapshot;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What garbage collections showed between two snapshots.
 * <p>
 * {@code afterGcFloor} is the lowest long-lived-pool usage right after any collection in the window (weak evidence of
 * the live set: after young collections it still holds promoted objects that have since died).
 * {@code reclaimedFloor} is the lowest long-lived-pool usage right after a collection that reclaimed the old
 * generation (old, mixed, full or whole-heap cycle), stronger evidence that can still carry residue.
 * {@code measurements} are exact measurements of the live set (a concurrent marking, a full collection), the
 * strongest evidence.
 *
 * @param notificationsAvailable whether GC notifications are delivered on this JVM
 * @param collections collections seen in the window
 * @param reclaimingCollections collections in the window that reclaimed the long-lived pools
 * @param afterGcFloor lowest long-lived usage after any collection, or {@code null} when none happened
 * @param reclaimedFloor lowest long-lived usage after a reclaiming collection, or {@code null} when none happened
 * @param pauseMillis summed durations reported by the collections in the window
 * @param measurements exact live-set measurements taken in the window, oldest first
 */
public record GcWindow(boolean notificationsAvailable, int collections, int reclaimingCollections,
		@Nullable Long afterGcFloor, @Nullable Long reclaimedFloor, long pauseMillis,
		List<LiveSetMeasurement> measurements) {

	public GcWindow {
		measurements = (measurements != null) ? List.copyOf(measurements) : List.of();
	}

	/**
	 * A window without exact measurements.
	 * @param notificationsAvailable whether GC notifications are delivered on this JVM
	 * @param collections collections seen in the window
	 * @param reclaimingCollections collections in the window that reclaimed the long-lived pools
	 * @param afterGcFloor lowest long-lived usage after any collection, or {@code null}
	 * @param reclaimedFloor lowest long-lived usage after a reclaiming collection, or {@code null}
	 * @param pauseMillis summed durations reported by the collections in the window
	 */
	public GcWindow(boolean notificationsAvailable, int collections, int reclaimingCollections,
			@Nullable Long afterGcFloor, @Nullable Long reclaimedFloor, long pauseMillis) {
		this(notificationsAvailable, collections, reclaimingCollections, afterGcFloor, reclaimedFloor, pauseMillis,
				List.of());
	}

	public static GcWindow unavailable() {
		return new GcWindow(false, 0, 0, null, null, 0);
	}

	/**
	 * A copy with more measurements, kept in time order.
	 * @param more the measurements to add
	 * @return the copy, or this window when there are none
	 */
	public GcWindow withMeasurements(List<LiveSetMeasurement> more) {
		if (more.isEmpty()) {
			return this;
		}
		List<LiveSetMeasurement> all = new java.util.ArrayList<>(this.measurements);
		all.addAll(more);
		all.sort(java.util.Comparator.comparing(LiveSetMeasurement::time));
		return new GcWindow(this.notificationsAvailable, this.collections, this.reclaimingCollections,
				this.afterGcFloor, this.reclaimedFloor, this.pauseMillis, all);
	}

}
