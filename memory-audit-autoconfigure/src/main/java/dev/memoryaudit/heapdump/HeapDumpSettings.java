package dev.memoryaudit.heapdump;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Settings of spike-triggered heap dumps.
 *
 * @param directory the private directory dumps are written to (created 0700)
 * @param liveFraction dump when the live set reaches this fraction of the heap maximum; 0 disables this trigger
 * @param growthBytes dump when the live set grows by this many bytes within {@code growthWindow}; 0 disables it
 * @param growthWindow the window of the growth trigger
 * @param minInterval minimum time between two dumps
 * @param maxCount most dumps kept; the oldest of ours is deleted first
 * @param maxTotalBytes most bytes of dumps kept; the oldest of ours is deleted first
 * @param freeSpaceFactor refuse to dump when usable disk space is below heap used times this factor
 */
public record HeapDumpSettings(Path directory, double liveFraction, long growthBytes, Duration growthWindow,
		Duration minInterval, int maxCount, long maxTotalBytes, double freeSpaceFactor) {

	public HeapDumpSettings {
		if (liveFraction < 0 || liveFraction > 1) {
			throw new IllegalArgumentException("liveFraction must be between 0 and 1, was " + liveFraction);
		}
		if (maxCount < 1) {
			throw new IllegalArgumentException("maxCount must be at least 1, was " + maxCount);
		}
		if (maxTotalBytes < 1) {
			throw new IllegalArgumentException("maxTotalBytes must be positive, was " + maxTotalBytes);
		}
	}

}
