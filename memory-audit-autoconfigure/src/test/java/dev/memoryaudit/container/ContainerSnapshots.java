package dev.memoryaudit.container;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.memoryaudit.snapshot.BufferPoolFigures;
import dev.memoryaudit.snapshot.GcWindow;
import dev.memoryaudit.snapshot.MemoryFigures;
import dev.memoryaudit.snapshot.PoolFigures;
import dev.memoryaudit.snapshot.Snapshot;
import dev.memoryaudit.snapshot.ThreadFigures;

/**
 * Builds snapshot histories carrying container figures, for tests: heap, metaspace, code cache and direct buffers as
 * the MXBeans report them, and the container series as {@link ContainerMemorySampler} adds them.
 */
public final class ContainerSnapshots {

	public static final long MIB = 1024 * 1024;

	private final List<Snapshot> snapshots = new ArrayList<>();

	private final Duration tick;

	private Instant time = Instant.parse("2026-12-07T00:00:00Z");

	private long uptimeMillis = Duration.ofHours(1).toMillis();

	private long jvmStartMillis = this.time.toEpochMilli() - this.uptimeMillis;

	private long heapUsed = 100 * MIB;

	private long heapMax = 256 * MIB;

	private Long liveSet = 80 * MIB;

	private long heapCommitted = 256 * MIB;

	public ContainerSnapshots(Duration tick) {
		this.tick = tick;
	}

	/**
	 * Adds a snapshot.
	 * @param directBytes direct buffers
	 * @param pageCache page cache
	 * @param unexplained what the JVM does not account for
	 * @param limit the container limit, {@code null} for none
	 * @param oomKills the cgroup's OOM-kill count, {@code null} when unread
	 * @return this
	 */
	public ContainerSnapshots add(long directBytes, long pageCache, long unexplained, Long limit, Long oomKills) {
		long heapCommitted = this.heapCommitted;
		long metaspace = 60 * MIB;
		long codeCache = 20 * MIB;
		long usage = heapCommitted + metaspace + codeCache + directBytes + pageCache + unexplained;
		Map<String, Long> extra = new LinkedHashMap<>();
		extra.put(ContainerMemorySampler.USAGE, usage);
		extra.put(ContainerMemorySampler.WORKING_SET, usage - pageCache / 2);
		extra.put(ContainerMemorySampler.PAGE_CACHE, pageCache);
		if (limit != null) {
			extra.put(ContainerMemorySampler.LIMIT, limit);
		}
		if (oomKills != null) {
			extra.put(ContainerMemorySampler.OOM_KILLS, oomKills);
		}
		List<PoolFigures> pools = List.of(
				new PoolFigures("G1 Old Gen", true, true, this.heapUsed / 2, heapCommitted, this.heapMax, null),
				new PoolFigures("Metaspace", false, false, metaspace - MIB, metaspace, -1, null),
				new PoolFigures("CodeHeap 'non-profiled nmethods'", false, false, codeCache / 2, codeCache / 2, -1,
						null),
				new PoolFigures("CodeHeap 'profiled nmethods'", false, false, codeCache / 2, codeCache / 2, -1, null));
		this.snapshots.add(new Snapshot(this.snapshots.size() + 1, this.time, this.uptimeMillis,
				new MemoryFigures(this.heapUsed, heapCommitted, this.heapMax), this.liveSet, "gc-notification",
				new GcWindow(true, 3, 0, this.liveSet, null, 10), pools, metaspace + codeCache,
				List.of(new BufferPoolFigures("direct", 10, directBytes, directBytes),
						new BufferPoolFigures("mapped", 0, 0, 0)),
				List.of(), new ThreadFigures(40, 20, 40, 40), 9000, usage, 50L, 65536L, extra, 100_000, 0L,
				this.jvmStartMillis));
		this.time = this.time.plus(this.tick);
		this.uptimeMillis += this.tick.toMillis();
		return this;
	}

	/**
	 * The heap of the next snapshots.
	 * @param used heap used
	 * @param liveSet live set after GC, {@code null} when none
	 * @return this
	 */
	public ContainerSnapshots heap(long used, Long liveSet) {
		this.heapUsed = used;
		this.liveSet = liveSet;
		return this;
	}

	/**
	 * The heap committed in the next snapshots.
	 * @param committed heap committed
	 * @return this
	 */
	public ContainerSnapshots heapCommitted(long committed) {
		this.heapCommitted = committed;
		return this;
	}

	/**
	 * The next snapshots come from a new JVM, started after the given downtime.
	 * @param downtime time between the last snapshot and the new JVM's first
	 * @return this
	 */
	public ContainerSnapshots restart(Duration downtime) {
		this.time = this.time.plus(downtime);
		this.uptimeMillis = Duration.ofSeconds(20).toMillis();
		this.jvmStartMillis = this.time.toEpochMilli() - this.uptimeMillis;
		return this;
	}

	public List<Snapshot> snapshots() {
		return List.copyOf(this.snapshots);
	}

	public Snapshot last() {
		return this.snapshots.get(this.snapshots.size() - 1);
	}

}
