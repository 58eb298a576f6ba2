package dev.memoryaudit.trend;

import java.time.Instant;

/**
 * A measurement of the live set that reclaimed the old generation: usage after an old, mixed or full collection, or
 * the total of a live class histogram.
 *
 * @param time when it was measured
 * @param bytes the bytes still live
 * @param source {@code old-collection} or {@code live-histogram}
 */
public record ReclaimedPoint(Instant time, long bytes, String source) {
}
