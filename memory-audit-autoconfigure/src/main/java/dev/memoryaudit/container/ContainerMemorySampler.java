package dev.memoryaudit.container;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.memoryaudit.snapshot.SeriesContributor;
import org.jspecify.annotations.Nullable;

/**
 * Reads the container's memory figures on every snapshot tick and adds them to the snapshot as series (so they are
 * kept, persisted and trended with the rest): {@value #USAGE}, {@value #WORKING_SET}, {@value #LIMIT} (only while a
 * limit is set), {@value #PAGE_CACHE}, {@value #ANON}, {@value #SWAP}, {@value #LIMIT_HITS} and {@value #OOM_KILLS}.
 * A figure that cannot be read is left out. The cgroup is located once, at construction.
 */
public final class ContainerMemorySampler implements SeriesContributor {

	/** Series: usage charged to the cgroup. */
	public static final String USAGE = "container.usage";

	/** Series: usage minus inactive page cache. */
	public static final String WORKING_SET = "container.working-set";

	/** Series: the effective limit, absent without one. */
	public static final String LIMIT = "container.limit";

	/** Series: file-backed memory. */
	public static final String PAGE_CACHE = "container.page-cache";

	/** Series: anonymous memory. */
	public static final String ANON = "container.anon";

	/** Series: swap used. */
	public static final String SWAP = "container.swap";

	/** Series: times usage hit the limit. */
	public static final String LIMIT_HITS = "container.limit-hits";

	/** Series: processes the kernel's OOM killer killed in the cgroup. */
	public static final String OOM_KILLS = "container.oom-kills";

	private final CgroupLocation location;

	private final CgroupMemoryReader reader;

	private volatile @Nullable ContainerMemory latest;

	private volatile long lastReadNanos;

	/**
	 * Creates a sampler.
	 * @param location the located cgroup (or why there is none)
	 * @param clock stamps the figures
	 */
	public ContainerMemorySampler(CgroupLocation location, Clock clock) {
		this.location = location;
		this.reader = new CgroupMemoryReader(clock);
	}

	/**
	 * A sampler of this process's cgroup.
	 * @return the sampler
	 */
	public static ContainerMemorySampler platform() {
		return new ContainerMemorySampler(CgroupLocator.platform().locate(), Clock.systemUTC());
	}

	@Override
	public Map<String, Long> sample() {
		ContainerMemory figures = read();
		if (figures == null) {
			return Map.of();
		}
		Map<String, Long> series = new LinkedHashMap<>();
		put(series, USAGE, figures.usageBytes());
		put(series, WORKING_SET, figures.workingSetBytes());
		put(series, LIMIT, figures.limitBytes());
		put(series, PAGE_CACHE, figures.pageCacheBytes());
		put(series, ANON, figures.anonBytes());
		put(series, SWAP, figures.swapBytes());
		put(series, LIMIT_HITS, figures.limitHits());
		put(series, OOM_KILLS, figures.oomKills());
		return series;
	}

	/**
	 * Reads the figures now and keeps them as the latest; never throws.
	 * @return the figures, {@code null} without a cgroup
	 */
	public @Nullable ContainerMemory read() {
		if (!this.location.available()) {
			return null;
		}
		long start = System.nanoTime();
		ContainerMemory figures = this.reader.read(this.location);
		this.lastReadNanos = System.nanoTime() - start;
		this.latest = figures;
		return figures;
	}

	private static void put(Map<String, Long> series, String name, @Nullable Long value) {
		if (value != null) {
			series.put(name, value);
		}
	}

	/**
	 * The figures of the last read.
	 * @return the figures, {@code null} before the first read or without a cgroup
	 */
	public @Nullable ContainerMemory latest() {
		return this.latest;
	}

	public CgroupLocation location() {
		return this.location;
	}

	/**
	 * How long the last read took.
	 * @return nanoseconds, 0 before the first read
	 */
	public long lastReadNanos() {
		return this.lastReadNanos;
	}

}
