package dev.memoryaudit.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Virtual threads, under {@code memory.audit.virtual-threads}.
 */
@ConfigurationProperties("memory.audit.virtual-threads")
public class MemoryAuditVirtualThreadsProperties {

	/**
	 * Whether to count virtual threads (JDK 21+) from a JSON thread dump every few ticks and trend the parked ones.
	 * Unset: on when the application runs on virtual threads (spring.threads.virtual.enabled=true).
	 */
	private @Nullable Boolean enabled;

	/**
	 * A thread dump every this many snapshot ticks (it walks every thread's stack: its time grows with the threads).
	 */
	private int everyTicks = 5;

	/**
	 * Parked virtual threads added over the auditor's trend window below which they are not reported as growing.
	 */
	private long minGrowth = 100;

	public @Nullable Boolean getEnabled() {
		return this.enabled;
	}

	public void setEnabled(@Nullable Boolean enabled) {
		this.enabled = enabled;
	}

	public long getMinGrowth() {
		return this.minGrowth;
	}

	public void setMinGrowth(long minGrowth) {
		this.minGrowth = PropertyChecks.atLeast("memory.audit.virtual-threads.min-growth", 1, minGrowth);
	}

	public int getEveryTicks() {
		return this.everyTicks;
	}

	public void setEveryTicks(int everyTicks) {
		this.everyTicks = PropertyChecks.atLeast("memory.audit.virtual-threads.every-ticks", 1, everyTicks);
	}

}
