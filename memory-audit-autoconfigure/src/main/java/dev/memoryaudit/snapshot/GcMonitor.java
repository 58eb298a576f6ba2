package dev.memoryaudit.snapshot;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

import com.sun.management.GarbageCollectionNotificationInfo;
import org.jspecify.annotations.Nullable;

/**
 * Listens to GC notifications and keeps, per window between two snapshots, the lowest long-lived-pool usage after any
 * collection and after collections that reclaimed the long-lived pools.
 * <p>
 * A collection counts as reclaiming when it is a major collection ({@code end of major GC}), a whole-heap cycle of a
 * single-generation collector (ZGC, Shenandoah), or when the long-lived pools shrank across it and the JVM updated
 * their collection usage (G1 mixed collections). A shrink alone is not enough: G1 reclaims dead humongous objects
 * eagerly in young collections, which shrinks the old generation without collecting it, and the floor after such a
 * collection still holds every promoted dead object.
 * <p>
 * It also measures the live set exactly where a collection does: a full, stop-the-world collection (Parallel, Serial, G1 full) leaves exactly
 * the live set in the long-lived pools, and so does the end of a Shenandoah cycle or a ZGC (major) cycle, up to the
 * objects allocated while the cycle ran. Full collections that a heap inspection or dump caused (a live class
 * histogram, {@code jmap -histo:live}) are not measured here: the histogram measures them itself.
 */
public final class GcMonitor implements AutoCloseable {

	/** At most this many measurements wait between two drains; older ones are dropped. */
	static final int MAX_PENDING_MEASUREMENTS = 64;

	private final List<GarbageCollectorMXBean> collectors;

	private final Set<String> longLivedPools;

	private final List<MemoryPoolMXBean> longLivedPoolBeans;

	private long lastCollectionUsage = -1;

	private final List<NotificationEmitter> registered = new ArrayList<>();

	private final NotificationListener listener = this::handle;

	private boolean available;

	private int collections;

	private int reclaiming;

	private long pauseMillis;

	private @Nullable Long afterGcFloor;

	private @Nullable Long reclaimedFloor;

	private @Nullable Long lastReclaimedFloor;

	private final List<LiveSetMeasurement> pending = new ArrayList<>();


	private final java.time.Clock clock;

	private volatile Set<String> heapPools = Set.of();

	/**
	 * Creates a monitor.
	 * @param collectors the collectors to listen to
	 * @param longLivedPools names of the long-lived heap pools (see {@link HeapPools})
	 */
	public GcMonitor(List<GarbageCollectorMXBean> collectors, Set<String> longLivedPools) {
		this(collectors, longLivedPools, List.of());
	}

	/**
	 * Creates a monitor that also reads the long-lived pools' collection usage to tell a collection of the old
	 * generation from a young collection that only freed humongous objects.
	 * @param collectors the collectors to listen to
	 * @param longLivedPools names of the long-lived heap pools
	 * @param longLivedPoolBeans the long-lived pools, empty when unknown
	 */
	public GcMonitor(List<GarbageCollectorMXBean> collectors, Set<String> longLivedPools,
			List<MemoryPoolMXBean> longLivedPoolBeans) {
		this(collectors, longLivedPools, longLivedPoolBeans, java.time.Clock.systemUTC());
	}

	/**
	 * Creates a monitor with the clock that stamps its measurements.
	 * @param collectors the collectors to listen to
	 * @param longLivedPools names of the long-lived heap pools
	 * @param longLivedPoolBeans the long-lived pools, empty when unknown
	 * @param clock the wall clock
	 */
	public GcMonitor(List<GarbageCollectorMXBean> collectors, Set<String> longLivedPools,
			List<MemoryPoolMXBean> longLivedPoolBeans, java.time.Clock clock) {
		this.clock = clock;
		this.collectors = List.copyOf(collectors);
		this.longLivedPools = Set.copyOf(longLivedPools);
		this.longLivedPoolBeans = List.copyOf(longLivedPoolBeans);
		this.lastCollectionUsage = collectionUsage();
	}

	/**
	 * Creates a monitor for this JVM's collectors and pools.
	 * @return the monitor, not yet started
	 */
	public static GcMonitor forPlatform() {
		List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans()
			.stream()
			.filter(HeapPools::isLongLived)
			.toList();
		Set<String> longLived = pools.stream().map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
		GcMonitor monitor = new GcMonitor(ManagementFactory.getGarbageCollectorMXBeans(), longLived, pools);
		monitor.heapPools = ManagementFactory.getMemoryPoolMXBeans()
			.stream()
			.filter((pool) -> pool.getType() == java.lang.management.MemoryType.HEAP)
			.map(MemoryPoolMXBean::getName)
			.collect(Collectors.toUnmodifiableSet());
		return monitor;
	}

	/**
	 * Registers for notifications on every collector that emits them.
	 * @return whether notifications are available on this JVM
	 */
	public synchronized boolean start() {
		if (!this.registered.isEmpty()) {
			return true;
		}
		try {
			Class.forName("com.sun.management.GarbageCollectionNotificationInfo");
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return false;
		}
		for (GarbageCollectorMXBean collector : this.collectors) {
			if (collector instanceof NotificationEmitter emitter) {
				emitter.addNotificationListener(this.listener, null, null);
				this.registered.add(emitter);
			}
		}
		this.available = !this.registered.isEmpty();
		return this.available;
	}

	/**
	 * Returns what collections showed since the previous call, with the exact measurements they gave, and starts a
	 * new window.
	 * @return the window
	 */
	public synchronized GcWindow drain() {
		if (!this.available) {
			return GcWindow.unavailable();
		}
		GcWindow window = new GcWindow(true, this.collections, this.reclaiming, this.afterGcFloor,
				this.reclaimedFloor, this.pauseMillis, this.pending);
		this.pending.clear();
		this.collections = 0;
		this.reclaiming = 0;
		this.pauseMillis = 0;
		this.afterGcFloor = null;
		this.reclaimedFloor = null;
		return window;
	}

	/**
	 * Long-lived usage after the most recent reclaiming collection, if one was seen.
	 * @return bytes, or {@code null}
	 */
	public synchronized @Nullable Long lastReclaimedFloor() {
		return this.lastReclaimedFloor;
	}

	public synchronized boolean isAvailable() {
		return this.available;
	}

	private void handle(Notification notification, Object handback) {
		if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
			return;
		}
		GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo
			.from((CompositeData) notification.getUserData());
		record(info.getGcName(), info.getGcAction(), info.getGcCause(), info.getGcInfo().getDuration(),
				info.getGcInfo().getMemoryUsageBeforeGc(), info.getGcInfo().getMemoryUsageAfterGc());
	}

	/**
	 * Records one collection whose cause is unknown; see
	 * {@link #record(String, String, String, long, Map, Map)}.
	 * @param gcName the collector name
	 * @param gcAction the action, e.g. {@code end of minor GC}
	 * @param durationMillis the reported duration
	 * @param before pool usage before the collection
	 * @param after pool usage after the collection
	 */
	public void record(String gcName, String gcAction, long durationMillis, Map<String, MemoryUsage> before,
			Map<String, MemoryUsage> after) {
		record(gcName, gcAction, "unknown", durationMillis, before, after);
	}

	/**
	 * Records one collection; public so that tests and replays can feed recorded collections.
	 * @param gcName the collector name
	 * @param gcAction the action, e.g. {@code end of minor GC}
	 * @param gcCause the cause, e.g. {@code System.gc()}
	 * @param durationMillis the reported duration
	 * @param before pool usage before the collection
	 * @param after pool usage after the collection
	 */
	public synchronized void record(String gcName, String gcAction, String gcCause, long durationMillis,
			Map<String, MemoryUsage> before, Map<String, MemoryUsage> after) {
		if (isPausesOnlyBean(gcName)) {
			return;
		}
		long longLivedBefore = longLived(before);
		long longLivedAfter = longLived(after);
		if (longLivedAfter < 0) {
			return;
		}
		this.available = true;
		this.collections++;
		this.pauseMillis += Math.max(0, durationMillis);
		this.afterGcFloor = min(this.afterGcFloor, longLivedAfter);
		long collectionUsage = collectionUsage();
		boolean oldPoolCollected = this.longLivedPoolBeans.isEmpty() || collectionUsage != this.lastCollectionUsage;
		this.lastCollectionUsage = collectionUsage;
		boolean shrank = longLivedBefore >= 0 && longLivedAfter < longLivedBefore;
		if (isReclaiming(gcName, gcAction, shrank && oldPoolCollected)) {
			this.reclaiming++;
			this.reclaimedFloor = min(this.reclaimedFloor, longLivedAfter);
			this.lastReclaimedFloor = longLivedAfter;
		}
		String source = measurementSource(gcName, gcAction, gcCause);
		if (source != null) {
			if (this.pending.size() >= MAX_PENDING_MEASUREMENTS) {
				this.pending.remove(0);
			}
			// a full collection can leave live objects in the young generation (Parallel compacts each space on its
			// own): the whole heap after it is the live set
			long heapAfter = LiveSetMeasurement.FULL_COLLECTION.equals(source) ? sum(after, this.heapPools) : -1;
			this.pending.add(new LiveSetMeasurement(this.clock.instant(),
					(heapAfter >= longLivedAfter) ? heapAfter : longLivedAfter, source));
		}
	}

	/**
	 * Which exact measurement a collection gives, if any: a full, stop-the-world collection that no heap inspection
	 * or dump caused.
	 * @param gcName the collector (bean) name
	 * @param gcAction the action
	 * @param gcCause the cause
	 * @return the {@link LiveSetMeasurement} source, or {@code null}
	 */
	static @Nullable String measurementSource(String gcName, String gcAction, String gcCause) {
		String name = gcName.toLowerCase(Locale.ROOT);
		String action = gcAction.toLowerCase(Locale.ROOT);
		String cause = gcCause.toLowerCase(Locale.ROOT);
		if (cause.contains("heap inspection") || cause.contains("heap dump") || name.contains("cycles")) {
			return null;
		}
		return action.contains("major") ? LiveSetMeasurement.FULL_COLLECTION : null;
	}

	private long collectionUsage() {
		long sum = 0;
		for (MemoryPoolMXBean pool : this.longLivedPoolBeans) {
			MemoryUsage usage = pool.isValid() ? pool.getCollectionUsage() : null;
			sum += (usage != null) ? usage.getUsed() : 0;
		}
		return sum;
	}

	static boolean isReclaiming(String gcName, String gcAction, boolean oldPoolShrankAndCollected) {
		String action = gcAction.toLowerCase(Locale.ROOT);
		String name = gcName.toLowerCase(Locale.ROOT);
		if (action.contains("major")) {
			return true;
		}
		if (name.contains("cycles") && !name.contains("minor")) {
			return true;
		}
		return oldPoolShrankAndCollected;
	}

	private static boolean isPausesOnlyBean(String gcName) {
		return gcName.toLowerCase(Locale.ROOT).contains("pauses");
	}

	private long longLived(Map<String, MemoryUsage> usage) {
		return sum(usage, this.longLivedPools);
	}

	private static long sum(Map<String, MemoryUsage> usage, Set<String> pools) {
		long sum = 0;
		boolean any = false;
		for (Map.Entry<String, MemoryUsage> entry : usage.entrySet()) {
			if (pools.contains(entry.getKey())) {
				sum += entry.getValue().getUsed();
				any = true;
			}
		}
		return any ? sum : -1;
	}

	private static Long min(@Nullable Long current, long value) {
		return (current == null || value < current) ? value : current;
	}

	@Override
	public synchronized void close() {
		for (NotificationEmitter emitter : this.registered) {
			try {
				emitter.removeNotificationListener(this.listener);
			}
			catch (ListenerNotFoundException ex) {
				// already gone
			}
		}
		this.registered.clear();
		this.available = false;
	}

}
