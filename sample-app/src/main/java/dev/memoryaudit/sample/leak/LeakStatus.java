package dev.memoryaudit.sample.leak;

/**
 * The state of the switchable leak, as returned by the {@code /leak} endpoints.
 *
 * @param running whether orders are currently being leaked
 * @param bytesPerSecond the configured leak rate (kept after a stop so a restart without a rate can reuse it)
 * @param retainedObjects the number of {@link LeakyOrder}s currently retained
 * @param retainedBytes the estimated bytes retained by those orders
 */
public record LeakStatus(boolean running, long bytesPerSecond, long retainedObjects, long retainedBytes) {

}
