package dev.memoryaudit.autoconfigure;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Thresholds of the {@code memory} health contributor, under {@code memory.audit.health}. The contributor itself is
 * switched with {@code management.health.memory.enabled}.
 */
@ConfigurationProperties("memory.audit.health")
public class MemoryAuditHealthProperties {

	/**
	 * Open file descriptors as a fraction of the maximum at or above which health is DOWN (0..1).
	 */
	private double fdUsageThreshold = 0.95;

	/**
	 * Live set as a fraction of the heap maximum at or above which health is DOWN (0..1).
	 */
	private double liveSetThreshold = 0.95;

	public double getFdUsageThreshold() {
		return this.fdUsageThreshold;
	}

	public void setFdUsageThreshold(double fdUsageThreshold) {
		this.fdUsageThreshold = PropertyChecks.between("memory.audit.health.fd-usage-threshold", 0, 1,
				fdUsageThreshold);
	}

	public double getLiveSetThreshold() {
		return this.liveSetThreshold;
	}

	public void setLiveSetThreshold(double liveSetThreshold) {
		this.liveSetThreshold = PropertyChecks.between("memory.audit.health.live-set-threshold", 0, 1,
				liveSetThreshold);
	}

}
