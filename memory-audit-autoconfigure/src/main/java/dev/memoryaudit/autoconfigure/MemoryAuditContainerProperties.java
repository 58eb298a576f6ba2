package dev.memoryaudit.autoconfigure;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Container memory (the process's memory cgroup), under {@code memory.audit.container}.
 */
@ConfigurationProperties("memory.audit.container")
public class MemoryAuditContainerProperties {

	/**
	 * Whether to read the memory cgroup of the process (limit, usage, page cache, OOM kills) on every snapshot tick.
	 * Where there is none (not Linux, no cgroup visible), the report says why and nothing else changes.
	 */
	private boolean enabled = true;

	/**
	 * The container section of the trend report reads GROWING when the working set reaches the limit within this
	 * time at its current growth; growth that reaches it later is reported without raising the verdict.
	 */
	private Duration horizon = Duration.ofHours(24);

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Duration getHorizon() {
		return this.horizon;
	}

	public void setHorizon(Duration horizon) {
		this.horizon = PropertyChecks.positive("memory.audit.container.horizon", horizon);
	}

}
