package dev.memoryaudit.container;

import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The memory cgroup's figures at one moment, as the kernel accounts them. A figure that could not be read is
 * {@code null}, with the reason under its name in {@link #unavailable()}; nothing else depends on it.
 *
 * @param time when the figures were read
 * @param version {@code v1} or {@code v2}
 * @param cgroup the cgroup's directory
 * @param limitBytes the effective limit (the lowest of the cgroup's and its ancestors'), {@code null} when there is
 * none ({@link #limited()} tells that apart from an unreadable limit)
 * @param usageBytes current usage: anonymous memory, page cache and kernel memory charged to the cgroup
 * @param workingSetBytes usage minus inactive page cache, what the kubelet and most dashboards call the working set:
 * the kernel reclaims inactive file pages before it kills
 * @param highBytes the v2 throttle limit ({@code memory.high}), above which the kernel reclaims hard and slows the
 * process; {@code null} when unset or on v1
 * @param anonBytes anonymous memory (heap, stacks, malloc, direct buffers)
 * @param pageCacheBytes file-backed memory (page cache, mapped files)
 * @param inactiveFileBytes inactive file-backed memory, reclaimable first
 * @param swapBytes swap used by the cgroup, {@code null} where swap is not accounted
 * @param limitHits times usage hit the limit (v1 {@code memory.failcnt}; v2 {@code memory.events max})
 * @param oomEvents times the cgroup ran out of memory (v2 {@code memory.events oom}; not counted on v1)
 * @param oomKills processes the kernel's OOM killer killed in the cgroup (v2 {@code oom_kill}; v1
 * {@code memory.oom_control oom_kill}, kernels 4.13 and later)
 * @param highEvents times usage went above {@code memory.high} (v2 only)
 * @param limited whether a limit is set
 * @param unavailable figure name to why it could not be read
 */
public record ContainerMemory(Instant time, String version, String cgroup, @Nullable Long limitBytes,
		@Nullable Long usageBytes, @Nullable Long workingSetBytes, @Nullable Long highBytes, @Nullable Long anonBytes,
		@Nullable Long pageCacheBytes, @Nullable Long inactiveFileBytes, @Nullable Long swapBytes,
		@Nullable Long limitHits, @Nullable Long oomEvents, @Nullable Long oomKills, @Nullable Long highEvents,
		boolean limited, Map<String, String> unavailable) {

	public ContainerMemory {
		unavailable = Map.copyOf(unavailable);
	}

	/**
	 * The working set as a share of the limit.
	 * @return the ratio, {@code null} without a limit or a working set
	 */
	public @Nullable Double workingSetRatio() {
		Long limit = this.limitBytes;
		Long workingSet = this.workingSetBytes;
		return (limit != null && limit > 0 && workingSet != null) ? (double) workingSet / limit : null;
	}

}
