package dev.memoryaudit.audit;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link CollectionRegistry}.
 */
class CollectionRegistryTests {

	private final CollectionRegistry registry = new CollectionRegistry();

	@Test
	void doesNotRetainACollectionAfterItsOwnerDropsIt() throws InterruptedException {
		WeakReference<Map<String, byte[]>> probe = registerAndDrop();
		assertThat(this.registry.size()).isEqualTo(1);
		for (int i = 0; i < 50 && probe.get() != null; i++) {
			System.gc();
			Thread.sleep(20);
		}
		assertThat(probe.get()).isNull();
		assertThat(this.registry.isAlive("dropped")).isFalse();
		assertThat(this.registry.inspect()).isEmpty();
		assertThat(this.registry.size()).isZero();
	}

	private WeakReference<Map<String, byte[]>> registerAndDrop() {
		Map<String, byte[]> owned = new HashMap<>();
		owned.put("k", new byte[1024 * 1024]);
		this.registry.register("dropped", owned, 10L);
		return new WeakReference<>(owned);
	}

	@Test
	void keepsAuditingACollectionItsOwnerStillHolds() {
		Map<String, String> held = new ConcurrentHashMap<>(Map.of("a", "1", "b", "2"));
		this.registry.register("held", held, 4L);
		System.gc();
		List<AuditedStructure> structures = this.registry.inspect();
		assertThat(structures).singleElement().satisfies((s) -> {
			assertThat(s.size()).isEqualTo(2);
			assertThat(s.capacity()).isEqualTo(4);
			assertThat(s.fill()).isEqualTo(0.5);
			assertThat(s.bound()).isEqualTo(Bound.BOUNDED);
			assertThat(s.implementation()).isEqualTo(ConcurrentHashMap.class.getName());
		});
		assertThat(held).hasSize(2);
	}

	@Test
	void refusesCollectionsWhoseSizeWalksEveryElementUnlessGivenASizer() {
		ConcurrentLinkedQueue<String> queue = new ConcurrentLinkedQueue<>();
		assertThatIllegalArgumentException().isThrownBy(() -> this.registry.register("queue", queue, null))
			.withMessageContaining("walks every element");
		AtomicInteger counter = new AtomicInteger(7);
		record Counted(ConcurrentLinkedQueue<String> queue, AtomicInteger count) {
		}
		Counted counted = new Counted(queue, counter);
		this.registry.register("queue", counted, (c) -> c.count().get(), null);
		assertThat(this.registry.inspect()).singleElement().satisfies((s) -> assertThat(s.size()).isEqualTo(7));
	}

	@Test
	void closingTheRegistrationRemovesIt() {
		List<String> list = new ArrayList<>();
		CollectionRegistry.Registration registration = this.registry.register("list", list, null);
		registration.close();
		assertThat(this.registry.inspect()).isEmpty();
	}

	@Test
	void rejectsBlankNamesAndNonPositiveCaps() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.registry.register(" ", List.of(), null));
		assertThatIllegalArgumentException().isThrownBy(() -> this.registry.register("x", List.of(), 0L))
			.withMessageContaining("cap of 'x' must be positive");
	}

}
