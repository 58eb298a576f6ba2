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
	 * The structure could not be read; the others were audited.
	 */
	UNREADABLE;

	/**
	 * Whether this finding is about growth over time rather than configuration.
	 * @return true for {@link #GROWING} and {@link #THREAD_GROUP_GROWING}
	 */
	public boolean isGrowth() {
		return this == GROWING || this == THREAD_GROUP_GROWING;
	}

}
