package dev.memoryaudit.trend;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.memoryaudit.snapshot.Snapshot;
import org.jspecify.annotations.Nullable;

/**
 * Reclaimed-floor points grouped into reclamation cycles. G1 reclaims the old generation over a mixed phase of
 * several collections, each leaving less behind, with no young-only collection between them; the phase's floor is
 * known when it ends, when a young-only collection runs or a reclaiming collection leaves more behind. Each closed
 * cycle counts once, at its lowest point; a full collection (Parallel, Serial, G1 full) is a cycle of its own.
 *
 * @param closed the closed cycles, oldest first
 * @param open the lowest point of the cycle still running, or {@code null}
 */
record Cycles(List<ReclaimedPoint> closed, @Nullable ReclaimedPoint open) {

	/**
	 * Groups the reclaimed floors into cycles, leaving out the full collections that live histograms caused
	 * (the first reclaimed floor after each): they measure what the exact points already hold, without the
	 * residue that mixed collections leave, and mixing the two would read residue as growth. The collector's
	 * own exact measurements (markings, full collections) leave the cycles as they are.
	 */
	static Cycles of(List<Snapshot> assessed, List<ReclaimedPoint> exact) {
		List<ReclaimedPoint> closed = new ArrayList<>();
		ReclaimedPoint current = null;
		int nextExact = 0;
		Instant previous = Instant.MIN;
		for (Snapshot snapshot : assessed) {
			boolean causedByExact = false;
			while (nextExact < exact.size() && !exact.get(nextExact).time().isAfter(snapshot.time())) {
				causedByExact |= exact.get(nextExact).time().isAfter(previous)
						&& ReclaimedPoint.LIVE_HISTOGRAM.equals(exact.get(nextExact).source());
				nextExact++;
			}
			previous = snapshot.time();
			Long floor = causedByExact ? null : snapshot.gc().reclaimedFloor();
			if (floor != null) {
				if (current != null && floor > current.bytes()) {
					closed.add(current);
					current = null;
				}
				if (current == null || floor <= current.bytes()) {
					current = new ReclaimedPoint(snapshot.time(), floor, ReclaimedPoint.OLD_COLLECTION);
				}
			}
			else if (current != null && snapshot.gc().collections() > 0) {
				closed.add(current);
				current = null;
			}
		}
		return new Cycles(List.copyOf(closed), (current != null)
				? new ReclaimedPoint(current.time(), current.bytes(), ReclaimedPoint.CYCLE_RUNNING) : null);
	}

}
