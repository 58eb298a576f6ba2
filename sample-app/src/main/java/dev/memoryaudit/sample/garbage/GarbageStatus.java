package dev.memoryaudit.sample.garbage;

/**
 * The state of the garbage workload, as returned by the {@code /garbage} endpoints.
 *
 * @param running whether garbage is currently being allocated
 * @param bytesPerSecond the configured allocation rate
 * @param allocatedBytes bytes allocated since the application started
 * @param ringObjects medium-lived objects currently held in the bounded ring (at most {@code ringCapacity})
 * @param ringCapacity the size of the bounded ring
 */
public record GarbageStatus(boolean running, long bytesPerSecond, long allocatedBytes, int ringObjects,
		int ringCapacity) {

}
