package dev.memoryaudit.snapshot;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * An immutable, cheap memory snapshot of the running JVM, taken from MXBeans and GC notifications.
 *
 * @param id monotonic identifier, starting at 1 for each engine
 * @param time wall-clock time of capture
 * @param uptimeMillis JVM uptime at capture
 * @param heap heap usage
 * @param liveSetBytes estimate of the live set: lowest long-lived-pool usage after GC since the previous snapshot,
 * or {@code null} when no collection happened in between
 * @param liveSetSource where {@code liveSetBytes} came from: {@code gc-notification}, {@code collection-usage}, or
 * {@code null}
 * @param gc what collections showed since the previous snapshot
 * @param pools per-pool usage, heap pools first
 * @param nonHeapCommitted committed bytes of all non-heap pools
 * @param bufferPools direct and mapped buffer pools
 * @param collectors cumulative figures per collector
 * @param threads thread counts
 * @param loadedClasses currently loaded classes
 * @param rssBytes resident set size of the process, {@code null} where unavailable
 * @param openFds open file descriptors, {@code null} where unavailable
 * @param maxFds maximum file descriptors, {@code null} where unavailable
 * @param extraSeries additional measured series contributed by other components, keyed by series name
 * @param captureNanos how long the capture took
 * @param startLagMillis how late the scheduled capture started, {@code null} for an on-demand capture
 * @param jvmStartMillis when this JVM started (epoch millis), the identity of the process across restarts; 0 when
 * unknown
 */
public record Snapshot(long id, Instant time, long uptimeMillis, MemoryFigures heap, @Nullable Long liveSetBytes,
		@Nullable String liveSetSource, GcWindow gc, List<PoolFigures> pools, long nonHeapCommitted,
		List<BufferPoolFigures> bufferPools, List<CollectorFigures> collectors, ThreadFigures threads,
		int loadedClasses, @Nullable Long rssBytes, @Nullable Long openFds, @Nullable Long maxFds,
		Map<String, Long> extraSeries, long captureNanos, @Nullable Long startLagMillis, long jvmStartMillis) {

	public Snapshot {
		pools = List.copyOf(pools);
		bufferPools = List.copyOf(bufferPools);
		collectors = List.copyOf(collectors);
		extraSeries = Map.copyOf(extraSeries);
	}

	/**
	 * Bytes used by the {@code direct} buffer pool, or 0.
	 * @return direct buffer bytes
	 */
	public long directBufferBytes() {
		return bufferBytes("direct");
	}

	/**
	 * Bytes used by the {@code mapped} buffer pool, or 0.
	 * @return mapped buffer bytes
	 */
	public long mappedBufferBytes() {
		return bufferBytes("mapped");
	}

	private long bufferBytes(String name) {
		return this.bufferPools.stream()
			.filter((pool) -> pool.name().equals(name))
			.mapToLong(BufferPoolFigures::memoryUsed)
			.sum();
	}

	/**
	 * Summed usage of the long-lived heap pools at capture time.
	 * @return bytes in the long-lived pools
	 */
	public long longLivedUsed() {
		return this.pools.stream().filter(PoolFigures::longLived).mapToLong(PoolFigures::used).sum();
	}

	/**
	 * Summed maximum of the long-lived heap pools, or the heap maximum when a pool has none.
	 * @return the ceiling the live set grows towards, {@code -1} when unknown
	 */
	public long liveSetCeiling() {
		return this.heap.max();
	}

}
