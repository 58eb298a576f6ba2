package dev.memoryaudit.autoconfigure;

import java.time.Duration;

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

	/**
	 * Container working set as a fraction of the container's memory limit at or above which health is DOWN (0..1).
	 */
	private double containerThreshold = 0.95;

	/**
	 * Container working set as a fraction of the limit at or above which health is WARNING (0..1).
	 */
	private double containerWarningThreshold = 0.85;

	/**
	 * Health is WARNING while the container's working set grows towards its limit and reaches it within this time.
	 */
	private Duration containerEtaWarning = Duration.ofHours(6);

	public double getFdUsageThreshold() {
		return this.fdUsageThreshold;
	}

	public void setFdUsageThreshold(double fdUsageThreshold) {
		this.fdUsageThreshold = PropertyChecks.between("memory.audit.health.fd-usage-threshold", 0, 1,
				fdUsageThreshold);
	}

	public double getContainerThreshold() {
		return this.containerThreshold;
	}

	public void setContainerThreshold(double containerThreshold) {
		this.containerThreshold = PropertyChecks.between("memory.audit.health.container-threshold", 0, 1,
				containerThreshold);
	}

	public double getContainerWarningThreshold() {
		return this.containerWarningThreshold;
	}

	public void setContainerWarningThreshold(double containerWarningThreshold) {
		this.containerWarningThreshold = PropertyChecks.between("memory.audit.health.container-warning-threshold", 0,
				1, containerWarningThreshold);
	}

	public Duration getContainerEtaWarning() {
		return this.containerEtaWarning;
	}

	public void setContainerEtaWarning(Duration containerEtaWarning) {
		this.containerEtaWarning = PropertyChecks.notNegative("memory.audit.health.container-eta-warning",
				containerEtaWarning);
	}

	public double getLiveSetThreshold() {
		return this.liveSetThreshold;
	}

	public void setLiveSetThreshold(double liveSetThreshold) {
		this.liveSetThreshold = PropertyChecks.between("memory.audit.health.live-set-threshold", 0, 1,
				liveSetThreshold);
	}

}
