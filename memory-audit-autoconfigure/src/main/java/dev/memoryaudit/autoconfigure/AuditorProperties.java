package dev.memoryaudit.autoconfigure;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties of the bounded-structure auditors, under {@code memory.audit.auditors}.
 */
@ConfigurationProperties("memory.audit.auditors")
public class AuditorProperties {

	/**
	 * Whether to audit caches, executors, registered collections and thread groups.
	 */
	private boolean enabled = true;

	/**
	 * Fill (size divided by bound, 0 to 1) at or above which a bounded structure is reported NEAR_CAPACITY.
	 */
	private double nearCapacity = 0.8;

	/**
	 * Maximum number of structures and thread groups that get a series in snapshots and tagged meters; the rest are
	 * counted as untracked, so that cardinality cannot explode.
	 */
	private int maxTracked = 100;

	/**
	 * Number of thread groups, largest first, that get a memory.audit.threads.group gauge.
	 */
	private int topThreadGroups = 10;

	/**
	 * Growth of an unbounded structure over the trend window (entries, weight or queued tasks) below which it is
	 * not reported GROWING.
	 */
	private long minGrowth = 100;

	/**
	 * Growth of a thread group over the trend window (threads) below which it is not reported
	 * THREAD_GROUP_GROWING.
	 */
	private long minThreadGrowth = 5;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public double getNearCapacity() {
		return this.nearCapacity;
	}

	public void setNearCapacity(double nearCapacity) {
		this.nearCapacity = PropertyChecks.require("memory.audit.auditors.near-capacity",
				nearCapacity > 0 && nearCapacity <= 1, "greater than 0 and at most 1", nearCapacity);
	}

	public int getMaxTracked() {
		return this.maxTracked;
	}

	public void setMaxTracked(int maxTracked) {
		this.maxTracked = PropertyChecks.atLeast("memory.audit.auditors.max-tracked", 0, maxTracked);
	}

	public int getTopThreadGroups() {
		return this.topThreadGroups;
	}

	public void setTopThreadGroups(int topThreadGroups) {
		this.topThreadGroups = PropertyChecks.atLeast("memory.audit.auditors.top-thread-groups", 0,
				topThreadGroups);
	}

	public long getMinGrowth() {
		return this.minGrowth;
	}

	public void setMinGrowth(long minGrowth) {
		this.minGrowth = PropertyChecks.atLeast("memory.audit.auditors.min-growth", 0L, minGrowth);
	}

	public long getMinThreadGrowth() {
		return this.minThreadGrowth;
	}

	public void setMinThreadGrowth(long minThreadGrowth) {
		this.minThreadGrowth = PropertyChecks.atLeast("memory.audit.auditors.min-thread-growth", 0L, minThreadGrowth);
	}

}
