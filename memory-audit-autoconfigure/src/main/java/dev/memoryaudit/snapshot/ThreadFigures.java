package dev.memoryaudit.snapshot;

/**
 * Thread counts at snapshot time.
 *
 * @param live live threads
 * @param daemon live daemon threads
 * @param peak peak live threads since JVM start
 * @param startedTotal threads started since JVM start
 */
public record ThreadFigures(int live, int daemon, int peak, long startedTotal) {
}
