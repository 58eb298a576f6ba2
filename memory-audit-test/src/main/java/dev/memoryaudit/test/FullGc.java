package dev.memoryaudit.test;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.sun.management.GcInfo;
import com.sun.management.HotSpotDiagnosticMXBean;
import org.jspecify.annotations.Nullable;

import dev.memoryaudit.histogram.HistogramCapture;
import dev.memoryaudit.histogram.HistogramCapturer;

/**
 * Runs a full, stop-the-world collection and reads the heap occupancy it left behind, which is the live set.
 * <p>
 * {@code System.gc()} is used when it runs a synchronous full collection (the default on HotSpot). When it is disabled
 * ({@code -XX:+DisableExplicitGC}) or concurrent ({@code -XX:+ExplicitGCInvokesConcurrent}), or when no collector's
 * count moved after it, a live class histogram is taken instead: the JVM always runs a full collection before counting
 * live objects. The occupancy is read from the collector's {@code GcInfo} (usage of the heap pools right after that
 * collection, so allocations by other threads after it do not count); without {@code com.sun.management} it falls back
 * to {@code MemoryMXBean} heap usage read right after the collection.
 */
final class FullGc {

	private final List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();

	private final Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans()
		.stream()
		.filter((pool) -> pool.getType() == MemoryType.HEAP)
		.map(MemoryPoolMXBean::getName)
		.collect(Collectors.toUnmodifiableSet());

	private final @Nullable String explicitGcUnusable = explicitGcUnusable();

	private final HistogramCapturer histograms = new HistogramCapturer(1);

	private String method = "System.gc()";

	private int count;

	/**
	 * Collects and returns the heap bytes in use right after the collection.
	 * @return the live set in bytes
	 */
	long collect() {
		long before = totalCollections();
		if (this.explicitGcUnusable == null) {
			System.gc();
		}
		if (totalCollections() == before) {
			HistogramCapture capture = this.histograms.capture(true);
			this.method = "live class histogram (System.gc() "
					+ ((this.explicitGcUnusable != null) ? this.explicitGcUnusable : "ran no collection") + ")";
			if (!capture.available() && totalCollections() == before) {
				throw new IllegalStateException("Cannot force a full GC: System.gc() "
						+ ((this.explicitGcUnusable != null) ? this.explicitGcUnusable : "ran no collection") + " and "
						+ capture.unavailableReason());
			}
		}
		this.count++;
		Long afterGc = usedAfterLatestGc();
		return (afterGc != null) ? afterGc : ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

	/**
	 * Describes how the collections were forced.
	 * @return a short description
	 */
	String method() {
		return this.method;
	}

	/**
	 * Returns how many collections this instance forced.
	 * @return the count
	 */
	int count() {
		return this.count;
	}

	private long totalCollections() {
		long total = 0;
		for (GarbageCollectorMXBean collector : this.collectors) {
			total += Math.max(0, collector.getCollectionCount());
		}
		return total;
	}

	private @Nullable Long usedAfterLatestGc() {
		GcInfo latest = null;
		for (GarbageCollectorMXBean collector : this.collectors) {
			if (!(collector instanceof com.sun.management.GarbageCollectorMXBean sun)) {
				continue;
			}
			GcInfo info = sun.getLastGcInfo();
			if (info != null && (latest == null || info.getEndTime() >= latest.getEndTime())) {
				latest = info;
			}
		}
		if (latest == null) {
			return null;
		}
		long used = 0;
		boolean any = false;
		for (Map.Entry<String, MemoryUsage> entry : latest.getMemoryUsageAfterGc().entrySet()) {
			if (this.heapPools.contains(entry.getKey())) {
				used += entry.getValue().getUsed();
				any = true;
			}
		}
		return any ? used : null;
	}

	private static @Nullable String explicitGcUnusable() {
		try {
			HotSpotDiagnosticMXBean hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
			if (hotspot == null) {
				return null;
			}
			if ("true".equals(hotspot.getVMOption("DisableExplicitGC").getValue())) {
				return "is disabled by -XX:+DisableExplicitGC";
			}
			if ("true".equals(hotspot.getVMOption("ExplicitGCInvokesConcurrent").getValue())) {
				return "is concurrent (-XX:+ExplicitGCInvokesConcurrent)";
			}
			return null;
		}
		catch (RuntimeException | LinkageError ex) {
			return null;
		}
	}

}
