package dev.memoryaudit.snapshot;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link GcMonitor}: fed recorded collections, and listening to real ones.
 */
class GcMonitorTests {

	private static final long MIB = 1024 * 1024;

	private static Map<String, MemoryUsage> usage(long eden, long old) {
		return Map.of("G1 Eden Space", new MemoryUsage(0, eden, eden, -1), "G1 Old Gen",
				new MemoryUsage(0, old, old, 512 * MIB), "Metaspace", new MemoryUsage(0, 40 * MIB, 40 * MIB, -1));
	}

	private final GcMonitor monitor = new GcMonitor(List.of(), Set.of("G1 Old Gen"));

	@Test
	void youngCollectionsRaiseTheAfterGcFloorButAreNotReclaiming() {
		this.monitor.record("G1 Young Generation", "end of minor GC", 5, usage(100 * MIB, 50 * MIB),
				usage(0, 52 * MIB));
		this.monitor.record("G1 Young Generation", "end of minor GC", 5, usage(100 * MIB, 52 * MIB),
				usage(0, 55 * MIB));
		GcWindow window = this.monitor.drain();
		assertThat(window.collections()).isEqualTo(2);
		assertThat(window.reclaimingCollections()).isZero();
		assertThat(window.afterGcFloor()).isEqualTo(52 * MIB);
		assertThat(window.reclaimedFloor()).isNull();
		assertThat(window.pauseMillis()).isEqualTo(10);
	}

	@Test
	void mixedCollectionThatShrinksTheOldGenerationIsReclaiming() {
		this.monitor.record("G1 Young Generation", "end of minor GC", 5, usage(100 * MIB, 300 * MIB),
				usage(0, 120 * MIB));
		GcWindow window = this.monitor.drain();
		assertThat(window.reclaimingCollections()).isEqualTo(1);
		assertThat(window.reclaimedFloor()).isEqualTo(120 * MIB);
		assertThat(this.monitor.lastReclaimedFloor()).isEqualTo(120 * MIB);
	}

	@Test
	void majorCollectionIsReclaimingEvenWhenNothingWasFreed() {
		this.monitor.record("G1 Old Generation", "end of major GC", 300, usage(10 * MIB, 80 * MIB),
				usage(0, 80 * MIB));
		assertThat(this.monitor.drain().reclaimedFloor()).isEqualTo(80 * MIB);
	}

	@Test
	void singleGenerationCyclesAreReclaiming() {
		assertThat(GcMonitor.isReclaiming("ZGC Cycles", "end of GC cycle", false)).isTrue();
		assertThat(GcMonitor.isReclaiming("Shenandoah Cycles", "end of GC cycle", false)).isTrue();
		assertThat(GcMonitor.isReclaiming("ZGC Minor Cycles", "end of GC cycle", false)).isFalse();
		assertThat(GcMonitor.isReclaiming("PS MarkSweep", "end of major GC", false)).isTrue();
		assertThat(GcMonitor.isReclaiming("PS Scavenge", "end of minor GC", false)).isFalse();
		assertThat(GcMonitor.isReclaiming("G1 Young Generation", "end of minor GC", true)).isTrue();
	}

	/**
	 * Humongous garbage (arrays of several MiB) that G1 frees eagerly in young collections: the old generation shrinks
	 * across them, but it was not collected. The allocation can also start a real concurrent cycle whose mixed
	 * collections do reclaim the old generation (seen once in a full module run on a loaded machine), so the check
	 * passes when one of three attempts sees no reclaiming collection; the bug it guards against (every eager
	 * humongous reclaim counted) fails all three.
	 */
	@Test
	void youngCollectionThatOnlyFreesHumongousObjectsIsNotReclaiming() throws InterruptedException {
		boolean g1 = ManagementFactory.getGarbageCollectorMXBeans()
			.stream()
			.anyMatch((gc) -> gc.getName().equals("G1 Old Generation"));
		List<Integer> reclaiming = new java.util.ArrayList<>();
		try (GcMonitor platform = GcMonitor.forPlatform()) {
			platform.start();
			for (int attempt = 0; attempt < 3 && !reclaiming.contains(0); attempt++) {
				System.gc();
				Thread.sleep(200);
				platform.drain();
				long sink = 0;
				for (int i = 0; i < 200; i++) {
					byte[] humongous = new byte[4 * 1024 * 1024];
					sink += humongous.length;
					List<byte[]> young = new java.util.ArrayList<>();
					for (int j = 0; j < 100; j++) {
						young.add(new byte[10_000]);
					}
					sink += young.size();
				}
				Thread.sleep(200);
				GcWindow window = platform.drain();
				assertThat(sink).isPositive();
				assertThat(window.collections()).isPositive();
				reclaiming.add(window.reclaimingCollections());
			}
		}
		if (g1) {
			assertThat(reclaiming).as("reclaiming collections per attempt of young collections freeing humongous garbage")
				.contains(0);
		}
	}

	@Test
	void drainStartsANewWindow() {
		this.monitor.record("G1 Young Generation", "end of minor GC", 5, usage(100 * MIB, 50 * MIB),
				usage(0, 52 * MIB));
		this.monitor.drain();
		GcWindow next = this.monitor.drain();
		assertThat(next.collections()).isZero();
		assertThat(next.afterGcFloor()).isNull();
		assertThat(next.notificationsAvailable()).isTrue();
	}

	@Test
	void collectionsWithoutLongLivedPoolsAreIgnored() {
		this.monitor.record("G1 Young Generation", "end of minor GC", 5,
				Map.of("G1 Eden Space", new MemoryUsage(0, 1, 1, -1)), Map.of("G1 Eden Space", new MemoryUsage(0, 0, 0, -1)));
		assertThat(this.monitor.drain().collections()).isZero();
	}

	@Test
	void realFullCollectionIsSeenAsReclaiming() throws InterruptedException {
		try (GcMonitor platform = GcMonitor.forPlatform()) {
			assertThat(platform.start()).isTrue();
			platform.drain();
			System.gc();
			GcWindow window = null;
			for (int i = 0; i < 100; i++) {
				window = platform.drain();
				if (window.reclaimingCollections() > 0) {
					break;
				}
				Thread.sleep(20);
			}
			assertThat(window.reclaimingCollections()).isPositive();
			assertThat(window.reclaimedFloor()).isPositive()
				.isLessThanOrEqualTo(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted());
		}
	}

	@Test
	void closeRemovesTheListeners() {
		GcMonitor platform = GcMonitor.forPlatform();
		platform.start();
		platform.close();
		assertThat(platform.isAvailable()).isFalse();
		System.gc();
		assertThat(platform.drain().notificationsAvailable()).isFalse();
	}

}
