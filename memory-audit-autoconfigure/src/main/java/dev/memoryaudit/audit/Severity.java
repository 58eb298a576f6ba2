package dev.memoryaudit.audit;

/**
 * The kind of a finding; the {@code severity} tag of {@code memory.audit.findings}.
 */
public enum Severity {

	/**
	 * No size bound and no expiry.
	 */
	UNBOUNDED,

	/**
	 * An executor's work queue has no capacity limit.
	 */
	UNBOUNDED_QUEUE,

	/**
	 * An executor may create {@code Integer.MAX_VALUE} threads (or one per task without a concurrency limit).
	 */
	UNBOUNDED_POOL,

	/**
	 * Filled to at least the near-capacity fraction of its bound.
	 */
	NEAR_CAPACITY,

	/**
	 * An unbounded structure's size grows significantly over the snapshot history.
	 */
	GROWING,

	/**
	 * The live threads of one name pattern grow significantly over the snapshot history.
	 */
	THREAD_GROUP_GROWING,

	/**
	 * The meters of one name grow significantly: a tag takes unbounded values (a raw URI, a user id).
	 */
	METER_CARDINALITY_GROWING,

	/**
	 * Loaded classes or metaspace grow significantly: classes generated per request, or class loaders that are
	 * never released.
	 */
	CLASSES_GROWING,

	/**
	 * Active HTTP sessions grow significantly: sessions created per request and kept until a long timeout.
	 */
	SESSIONS_GROWING,

	/**
	 * Thread-local entries (or the collections they hold) on pooled threads grow significantly.
	 */
	THREAD_LOCALS_GROWING,

	/**
	 * Parked virtual threads grow significantly: tasks that wait forever (JDK 25 and later).
	 */
	VIRTUAL_THREADS_PARKED_GROWING,

	/**
	 * The structure could not be read; the others were audited.
	 */
	UNREADABLE;

	/**
	 * Whether this finding is about growth over time rather than configuration.
	 * @return true for every kind except the configuration findings and {@link #UNREADABLE}
	 */
	public boolean isGrowth() {
		return switch (this) {
			case GROWING, THREAD_GROUP_GROWING, METER_CARDINALITY_GROWING, CLASSES_GROWING, SESSIONS_GROWING,
					THREAD_LOCALS_GROWING, VIRTUAL_THREADS_PARKED_GROWING -> true;
			default -> false;
		};
	}

}
