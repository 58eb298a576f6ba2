package dev.memoryaudit.audit;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.LinkedTransferQueue;
import java.util.function.ToLongFunction;

import org.jspecify.annotations.Nullable;

/**
 * Lets applications register their own maps and collections, with a name and an optional declared cap, to be
 * audited like caches.
 * <p>
 * Targets are held weakly: when the owner drops a collection it can be collected, and its registration disappears
 * from the audit. Sizing calls only {@code size()}; collections whose {@code size()} walks all elements
 * ({@link ConcurrentLinkedQueue}, {@link ConcurrentSkipListMap}, ...) are refused unless a sizer is given, for
 * example one reading an {@code AtomicInteger} the owner maintains.
 */
public final class CollectionRegistry implements StructureInspector {

	private static final Set<Class<?>> WALKING_SIZE = Set.of(ConcurrentLinkedQueue.class,
			ConcurrentLinkedDeque.class, ConcurrentSkipListMap.class, ConcurrentSkipListSet.class,
			LinkedTransferQueue.class);

	private final Map<String, Entry> entries = new ConcurrentHashMap<>();

	/**
	 * Registers a map.
	 * @param name the name, unique among registered collections; registering it again replaces the old one
	 * @param map the map, held weakly
	 * @param cap the declared maximum size, {@code null} when unbounded
	 * @return a registration that removes the entry when closed
	 */
	public Registration register(String name, Map<?, ?> map, @Nullable Long cap) {
		checkSizeIsCheap(map);
		return add(name, map, (target) -> ((Map<?, ?>) target).size(), cap);
	}

	/**
	 * Registers a collection.
	 * @param name the name, unique among registered collections; registering it again replaces the old one
	 * @param collection the collection, held weakly
	 * @param cap the declared maximum size, {@code null} when unbounded
	 * @return a registration that removes the entry when closed
	 */
	public Registration register(String name, Collection<?> collection, @Nullable Long cap) {
		checkSizeIsCheap(collection);
		return add(name, collection, (target) -> ((Collection<?>) target).size(), cap);
	}

	/**
	 * Registers any object with a sizer of its own. The sizer must not capture the target (it receives it), or the
	 * target could never be collected.
	 * @param <T> the target type
	 * @param name the name, unique among registered collections; registering it again replaces the old one
	 * @param target the target, held weakly
	 * @param sizer reads the size of the target cheaply, without iterating or holding locks for long
	 * @param cap the declared maximum size, {@code null} when unbounded
	 * @return a registration that removes the entry when closed
	 */
	@SuppressWarnings("unchecked")
	public <T> Registration register(String name, T target, ToLongFunction<? super T> sizer, @Nullable Long cap) {
		return add(name, target, (ToLongFunction<Object>) sizer, cap);
	}

	private Registration add(String name, Object target, ToLongFunction<Object> sizer, @Nullable Long cap) {
		if (name == null || name.isBlank()) {
			throw new IllegalArgumentException("name must not be blank");
		}
		if (cap != null && cap <= 0) {
			throw new IllegalArgumentException("cap of '" + name + "' must be positive, was " + cap);
		}
		Entry entry = new Entry(new WeakReference<>(target), target.getClass().getName(), sizer, cap);
		this.entries.put(name, entry);
		return () -> this.entries.remove(name, entry);
	}

	private static void checkSizeIsCheap(Object target) {
		for (Class<?> type = target.getClass(); type != null; type = type.getSuperclass()) {
			if (WALKING_SIZE.contains(type)) {
				throw new IllegalArgumentException(target.getClass().getName()
						+ ".size() walks every element; register it with a sizer that reads a counter you maintain");
			}
		}
	}

	/**
	 * Whether a registration's target is still reachable.
	 * @param name the name
	 * @return false when never registered, closed, or collected
	 */
	public boolean isAlive(String name) {
		Entry entry = this.entries.get(name);
		return entry != null && entry.target.get() != null;
	}

	/**
	 * Number of registrations, including ones whose target was collected but not yet purged.
	 * @return the count
	 */
	public int size() {
		return this.entries.size();
	}

	@Override
	public List<AuditedStructure> inspect() {
		List<AuditedStructure> structures = new ArrayList<>();
		for (Map.Entry<String, Entry> registration : this.entries.entrySet()) {
			Entry entry = registration.getValue();
			Object target = entry.target.get();
			if (target == null) {
				this.entries.remove(registration.getKey(), entry);
				continue;
			}
			String name = registration.getKey();
			try {
				long size = entry.sizer.applyAsLong(target);
				Bound bound = (entry.cap != null) ? Bound.BOUNDED : Bound.UNBOUNDED;
				structures.add(new AuditedStructure(name, StructureKind.COLLECTION, entry.implementation, bound, size,
						entry.cap, "entries", (entry.cap != null) ? "declared cap " + entry.cap : "-", false, null,
						false, Map.of(), null));
			}
			catch (RuntimeException ex) {
				structures.add(AuditedStructure.unreadable(name, StructureKind.COLLECTION, entry.implementation, ex));
			}
		}
		structures.sort(java.util.Comparator.comparing(AuditedStructure::name));
		return structures;
	}

	/**
	 * A registration; closing it removes the entry.
	 */
	@FunctionalInterface
	public interface Registration extends AutoCloseable {

		@Override
		void close();

	}

	private record Entry(WeakReference<Object> target, String implementation, ToLongFunction<Object> sizer,
			@Nullable Long cap) {

	}

}
