package dev.memoryaudit.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the auditor over real caches, maps and threads through real snapshots.
 */
class MemoryAuditorTests {

	@Test
	void cacheFillingToItsCapIsNearCapacityNotGrowingWhileAnUnboundedMapIsGrowing() {
		Cache<Integer, String> bounded = Caffeine.newBuilder().maximumSize(100).executor(Runnable::run).build();
		Cache<Integer, String> filling = Caffeine.newBuilder().maximumSize(100).executor(Runnable::run).build();
		Map<Integer, String> unbounded = new ConcurrentHashMap<>();
		CollectionRegistry registry = new CollectionRegistry();
		registry.register("unbounded", unbounded, null);
		AuditHarness harness = new AuditHarness(100,
				List.of(registry, () -> List.of(CaffeineCaches.read("bounded", bounded),
						CaffeineCaches.read("filling", filling))));
		AuditReport report = null;
		for (int tick = 0; tick < 30; tick++) {
			for (int i = 0; i < 10; i++) {
				bounded.put(tick * 10 + i, "v");
				unbounded.put(tick * 10 + i, "v");
			}
			for (int i = 0; i < 3; i++) {
				filling.put(tick * 3 + i, "v");
			}
			bounded.cleanUp();
			report = harness.tick();
		}
		StructureRow cache = row(report, "bounded");
		assertThat(cache.structure().bound()).isEqualTo(Bound.BOUNDED);
		assertThat(cache.structure().capacity()).isEqualTo(100);
		assertThat(cache.structure().size()).isEqualTo(100);
		assertThat(cache.verdict()).isEqualTo("NEAR_CAPACITY");
		assertThat(severities(cache)).containsExactly(Severity.NEAR_CAPACITY);
		// Still rising linearly towards its cap: a bounded structure's growth is at most NEAR_CAPACITY.
		StructureRow rising = row(report, "filling");
		assertThat(rising.structure().size()).isEqualTo(90);
		assertThat(severities(rising)).containsExactly(Severity.NEAR_CAPACITY);
		StructureRow map = row(report, "unbounded");
		assertThat(map.structure().size()).isEqualTo(300);
		assertThat(severities(map)).containsExactly(Severity.UNBOUNDED, Severity.GROWING);
		assertThat(report.verdict().isGrowth()).isTrue();
		assertThat(harness.history.get(harness.history.size() - 1).extraSeries())
			.containsEntry("collection.collection.unbounded", 300L)
			.containsEntry("collection.cache.bounded", 100L);
	}

	@Test
	void aSteadyUnboundedMapIsUnboundedButNotGrowing() {
		Map<Integer, String> steady = new ConcurrentHashMap<>(Map.of(1, "a", 2, "b"));
		CollectionRegistry registry = new CollectionRegistry();
		registry.register("steady", steady, null);
		AuditHarness harness = new AuditHarness(100, List.of(registry));
		AuditReport report = null;
		for (int tick = 0; tick < 12; tick++) {
			report = harness.tick();
		}
		assertThat(severities(row(report, "steady"))).containsExactly(Severity.UNBOUNDED);
		assertThat(row(report, "steady").trend().verdict().isGrowth()).isFalse();
	}

	@Test
	void executorCreatedPerTickAndNeverShutDownIsAGrowingThreadGroup() {
		AtomicInteger pools = new AtomicInteger();
		List<ExecutorService> leaked = new ArrayList<>();
		AuditHarness harness = new AuditHarness(100, List.of());
		try {
			AuditReport report = null;
			for (int tick = 0; tick < 8; tick++) {
				int pool = pools.incrementAndGet();
				AtomicInteger threads = new AtomicInteger();
				ExecutorService executor = Executors.newFixedThreadPool(2,
						(r) -> new Thread(r, "auditleak-" + pool + "-worker-" + threads.incrementAndGet()));
				executor.execute(() -> { });
				executor.execute(() -> { });
				leaked.add(executor);
				report = harness.tick();
			}
			ThreadGroupRow group = report.threadGroups()
				.stream()
				.filter((g) -> g.pattern().equals("auditleak-*-worker-*"))
				.findFirst()
				.orElseThrow();
			assertThat(group.count()).isEqualTo(16);
			assertThat(group.verdict()).isEqualTo("THREAD_GROUP_GROWING");
			assertThat(report.findings()).anySatisfy((f) -> {
				assertThat(f.severity()).isEqualTo(Severity.THREAD_GROUP_GROWING);
				assertThat(f.structure()).isEqualTo("auditleak-*-worker-*");
				assertThat(f.fix()).contains("shut it down");
			});
		}
		finally {
			leaked.forEach(ExecutorService::shutdownNow);
		}
	}

	@Test
	void trackedNamesAreBoundedAndTheRestCounted() {
		CollectionRegistry registry = new CollectionRegistry();
		List<Map<String, String>> maps = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			Map<String, String> map = new ConcurrentHashMap<>();
			maps.add(map);
			registry.register("map" + i, map, 10L);
		}
		AuditHarness harness = new AuditHarness(2, List.of(registry));
		AuditReport report = harness.tick();
		assertThat(harness.history.get(0).extraSeries()).hasSize(2);
		assertThat(report.untracked()).isGreaterThanOrEqualTo(3);
		assertThat(report.notes()).anySatisfy((n) -> assertThat(n).contains("max-tracked (2)"));
		assertThat(report.structures()).hasSize(5);
		assertThat(maps).hasSize(5);
	}

	@Test
	void anInspectorThatThrowsIsNotedAndTheOthersAreAudited() {
		CollectionRegistry registry = new CollectionRegistry();
		List<String> list = new ArrayList<>(List.of("a"));
		registry.register("list", list, 4L);
		StructureInspector broken = () -> {
			throw new IllegalStateException("boom");
		};
		AuditHarness harness = new AuditHarness(100, List.of(broken, registry));
		AuditReport report = harness.tick();
		assertThat(report.notes()).anySatisfy((n) -> assertThat(n).contains("failed").contains("boom"));
		assertThat(row(report, "list").structure().size()).isEqualTo(1);
		assertThat(row(report, "list").verdict()).isEqualTo("OK");
	}

	@Test
	void aSizerThatThrowsMakesThatCollectionUnreadable() {
		CollectionRegistry registry = new CollectionRegistry();
		registry.register("good", new ArrayList<>(List.of(1, 2, 3)), null);
		registry.register("strange", new Object(), (o) -> {
			throw new UnsupportedOperationException("no size");
		}, null);
		AuditReport report = new AuditHarness(100, List.of(registry)).tick();
		assertThat(row(report, "strange").verdict()).isEqualTo("UNREADABLE");
		assertThat(row(report, "strange").findings().get(0).message()).contains("no size");
		assertThat(row(report, "good").structure().size()).isEqualTo(3);
	}

	static StructureRow row(AuditReport report, String name) {
		return report.structures().stream().filter((r) -> r.structure().name().equals(name)).findFirst().orElseThrow();
	}

	static List<Severity> severities(StructureRow row) {
		return row.findings().stream().map(Finding::severity).toList();
	}

}
