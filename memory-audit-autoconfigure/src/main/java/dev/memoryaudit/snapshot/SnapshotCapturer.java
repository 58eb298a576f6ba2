package dev.memoryaudit.snapshot;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ClassLoadingMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.lang.management.RuntimeMXBean;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Captures cheap snapshots from the platform MXBeans, the GC monitor and the process probe; no heap walk, no pause.
 */
public final class SnapshotCapturer {

	private static final System.Logger logger = System.getLogger(SnapshotCapturer.class.getName());

	private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

	private final List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans();

	private final List<BufferPoolMXBean> bufferPools = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class);

	private final List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();

	private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

	private final ClassLoadingMXBean classLoading = ManagementFactory.getClassLoadingMXBean();

	private final RuntimeMXBean runtime = ManagementFactory.getRuntimeMXBean();

	private final GcMonitor gcMonitor;

	private final ProcessProbe processProbe;

	private final List<SeriesContributor> contributors;

	private final Clock clock;

	private final List<LiveSetSource> liveSetSources;

	/**
	 * Creates a capturer.
	 * @param gcMonitor the started GC monitor
	 * @param processProbe the process probe
	 * @param contributors contributors of additional series
	 * @param clock the wall clock
	 */
	public SnapshotCapturer(GcMonitor gcMonitor, ProcessProbe processProbe, List<SeriesContributor> contributors,
			Clock clock) {
		this(gcMonitor, processProbe, contributors, List.of(), clock);
	}

	/**
	 * Creates a capturer that also drains exact live-set measurements (a collector's marking log) on every tick.
	 * @param gcMonitor the started GC monitor
	 * @param processProbe the process probe
	 * @param contributors contributors of additional series
	 * @param liveSetSources sources of exact live-set measurements besides the GC monitor's full collections
	 * @param clock the wall clock
	 */
	public SnapshotCapturer(GcMonitor gcMonitor, ProcessProbe processProbe, List<SeriesContributor> contributors,
			List<LiveSetSource> liveSetSources, Clock clock) {
		this.liveSetSources = List.copyOf(liveSetSources);
		this.gcMonitor = gcMonitor;
		this.processProbe = processProbe;
		this.contributors = List.copyOf(contributors);
		this.clock = clock;
	}

	/**
	 * Captures a snapshot.
	 * @param id the snapshot id
	 * @param startLagMillis how late a scheduled capture started, or {@code null}
	 * @return the snapshot
	 */
	public Snapshot capture(long id, @Nullable Long startLagMillis) {
		long start = System.nanoTime();
		GcWindow gc = this.gcMonitor.drain().withMeasurements(drainLiveSetSources());
		List<PoolFigures> poolFigures = new ArrayList<>(this.pools.size());
		long nonHeapCommitted = 0;
		Long collectionUsageFloor = null;
		for (MemoryPoolMXBean pool : this.pools) {
			if (!pool.isValid()) {
				continue;
			}
			boolean heap = pool.getType() == MemoryType.HEAP;
			boolean longLived = heap && HeapPools.isLongLived(pool);
			MemoryUsage usage = pool.getUsage();
			MemoryUsage afterGc = heap ? pool.getCollectionUsage() : null;
			Long usedAfterGc = (afterGc != null) ? afterGc.getUsed() : null;
			poolFigures.add(new PoolFigures(pool.getName(), heap, longLived, usage.getUsed(), usage.getCommitted(),
					usage.getMax(), usedAfterGc));
			if (!heap) {
				nonHeapCommitted += usage.getCommitted();
			}
			if (longLived && usedAfterGc != null && usedAfterGc > 0) {
				collectionUsageFloor = (collectionUsageFloor != null) ? collectionUsageFloor + usedAfterGc
						: usedAfterGc;
			}
		}
		poolFigures.sort((a, b) -> Boolean.compare(b.heap(), a.heap()));
		Long liveSet = gc.afterGcFloor();
		String liveSetSource = (liveSet != null) ? "gc-notification" : null;
		if (liveSet == null && !gc.notificationsAvailable() && collectionUsageFloor != null) {
			liveSet = collectionUsageFloor;
			liveSetSource = "collection-usage";
		}
		List<BufferPoolFigures> buffers = new ArrayList<>();
		for (BufferPoolMXBean pool : this.bufferPools) {
			buffers.add(new BufferPoolFigures(pool.getName(), pool.getCount(), pool.getMemoryUsed(),
					pool.getTotalCapacity()));
		}
		List<CollectorFigures> collectorFigures = new ArrayList<>();
		for (GarbageCollectorMXBean collector : this.collectors) {
			collectorFigures.add(new CollectorFigures(collector.getName(), collector.getCollectionCount(),
					collector.getCollectionTime()));
		}
		ThreadFigures threadFigures = new ThreadFigures(this.threads.getThreadCount(),
				this.threads.getDaemonThreadCount(), this.threads.getPeakThreadCount(),
				this.threads.getTotalStartedThreadCount());
		Map<String, Long> extra = sampleContributors();
		return new Snapshot(id, this.clock.instant(), this.runtime.getUptime(),
				MemoryFigures.of(this.memory.getHeapMemoryUsage()), liveSet, liveSetSource, gc, poolFigures,
				nonHeapCommitted, buffers, collectorFigures, threadFigures, this.classLoading.getLoadedClassCount(),
				this.processProbe.rssBytes(), this.processProbe.openFileDescriptors(),
				this.processProbe.maxFileDescriptors(), extra, System.nanoTime() - start, startLagMillis,
				this.runtime.getStartTime());
	}

	private List<LiveSetMeasurement> drainLiveSetSources() {
		if (this.liveSetSources.isEmpty()) {
			return List.of();
		}
		List<LiveSetMeasurement> measurements = new ArrayList<>();
		for (LiveSetSource source : this.liveSetSources) {
			try {
				measurements.addAll(source.drainMeasurements());
			}
			catch (RuntimeException ex) {
				logger.log(System.Logger.Level.DEBUG, "Live-set source " + source.description() + " failed", ex);
			}
		}
		return measurements;
	}

	/**
	 * The sources of exact live-set measurements this capturer drains besides the GC monitor.
	 * @return the sources
	 */
	public List<LiveSetSource> liveSetSources() {
		return this.liveSetSources;
	}

	private Map<String, Long> sampleContributors() {
		if (this.contributors.isEmpty()) {
			return Map.of();
		}
		Map<String, Long> values = new LinkedHashMap<>();
		for (SeriesContributor contributor : this.contributors) {
			try {
				values.putAll(contributor.sample());
			}
			catch (RuntimeException ex) {
				logger.log(System.Logger.Level.DEBUG, "Series contributor " + contributor + " failed", ex);
			}
		}
		return values;
	}

}
