package dev.memoryaudit.audit;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What an inspector read from one structure: its bound, size and policy, without any judgement.
 *
 * @param name unique name within its kind (cache {@code manager.cache} unless the manager is {@code cacheManager},
 * executor bean name, registered name)
 * @param kind the kind
 * @param implementation the class that holds the entries or tasks
 * @param bound whether the size is bounded
 * @param size current size (entries, weight or queued tasks), {@code null} when unknown
 * @param capacity the bound, {@code null} unless {@link Bound#BOUNDED}
 * @param unit what size and capacity count: {@code entries}, {@code weight}, {@code tasks}
 * @param policy eviction and expiry for caches, rejection policy for executors, {@code -} when none
 * @param expiring whether entries expire (a cache with expiry but no size bound is not reported as UNBOUNDED)
 * @param threads for executors, whether the thread count is bounded; {@code null} otherwise
 * @param unboundedByDesign whether an unbounded size is inherent (scheduled delay queue, fork-join queues) and
 * reported only when it grows
 * @param details further figures (pool sizes, active, completed, queue type, ...)
 * @param unreadable why the structure could not be read, {@code null} when it was
 */
public record AuditedStructure(String name, StructureKind kind, String implementation, Bound bound,
		@Nullable Long size, @Nullable Long capacity, String unit, String policy, boolean expiring,
		@Nullable Bound threads, boolean unboundedByDesign, Map<String, Object> details, @Nullable String unreadable) {

	public AuditedStructure {
		details = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(details));
	}

	/**
	 * A structure that could not be read.
	 * @param name the name
	 * @param kind the kind
	 * @param implementation the class, as far as known
	 * @param failure what went wrong
	 * @return the structure
	 */
	public static AuditedStructure unreadable(String name, StructureKind kind, String implementation,
			Throwable failure) {
		return new AuditedStructure(name, kind, implementation, Bound.UNKNOWN, null, null, "entries", "-", false,
				null, false, Map.of(), failure.getClass().getSimpleName() + ": " + failure.getMessage());
	}

	/**
	 * Size as a fraction of the capacity.
	 * @return the fill, {@code null} when not bounded or the size is unknown
	 */
	public @Nullable Double fill() {
		if (this.size == null || this.capacity == null || this.capacity <= 0) {
			return null;
		}
		return (double) this.size / this.capacity;
	}

	/**
	 * The key of this structure's series in {@code Snapshot.extraSeries()}.
	 * @return {@code collection.<kind>.<name>}
	 */
	public String seriesKey() {
		return "collection." + this.kind.value() + "." + this.name;
	}

}
