package dev.memoryaudit.snapshot;

/**
 * Usage of a JDK buffer pool ({@code direct} or {@code mapped}).
 *
 * @param name the pool name
 * @param count number of buffers
 * @param memoryUsed bytes the JVM uses for the pool
 * @param totalCapacity total capacity of the buffers in bytes
 */
public record BufferPoolFigures(String name, long count, long memoryUsed, long totalCapacity) {
}
