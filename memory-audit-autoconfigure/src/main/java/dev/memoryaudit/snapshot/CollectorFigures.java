package dev.memoryaudit.snapshot;

/**
 * Cumulative collection count and time of one garbage collector.
 *
 * @param name the collector name (e.g. {@code G1 Young Generation})
 * @param count collections since JVM start, {@code -1} when undefined
 * @param timeMillis accumulated collection time, {@code -1} when undefined
 */
public record CollectorFigures(String name, long count, long timeMillis) {
}
