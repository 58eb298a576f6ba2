package dev.memoryaudit.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Settings of spike-triggered heap dumps, under {@code memory.audit.heapdump}. Off by default: a heap dump holds every
 * secret in memory and pauses the JVM.
 */
@ConfigurationProperties("memory.audit.heapdump")
public class MemoryAuditHeapDumpProperties {

	/**
	 * Whether to write a live heap dump when the live set spikes. Off by default.
	 */
	private boolean enabled;

	/**
	 * Private directory for the dumps, created with mode 0700; dumps are 0600.
	 */
	private Path directory = Path.of(System.getProperty("java.io.tmpdir"), "memory-audit-heapdumps");

	/**
	 * Dump when the live set reaches this fraction of the heap maximum; 0 disables this trigger. Between 0 and 1.
	 */
	private double liveFraction = 0.9;

	/**
	 * Dump when the live set grows by this much within the growth window; 0 disables this trigger.
	 */
	private DataSize growth = DataSize.ofBytes(0);

	/**
	 * Window of the growth trigger.
	 */
	private Duration growthWindow = Duration.ofMinutes(10);

	/**
	 * Minimum time between two dumps.
	 */
	private Duration minInterval = Duration.ofHours(1);

	/**
	 * Most dumps kept; the oldest of those the starter wrote is deleted first. At least 1.
	 */
	private int maxCount = 2;

	/**
	 * Most bytes of dumps kept; the oldest of those the starter wrote is deleted first.
	 */
	private DataSize maxTotalSize = DataSize.ofGigabytes(4);

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Path getDirectory() {
		return this.directory;
	}

	public void setDirectory(Path directory) {
		this.directory = directory;
	}

	public double getLiveFraction() {
		return this.liveFraction;
	}

	public void setLiveFraction(double liveFraction) {
		this.liveFraction = PropertyChecks.between("memory.audit.heapdump.live-fraction", 0, 1, liveFraction);
	}

	public DataSize getGrowth() {
		return this.growth;
	}

	public void setGrowth(DataSize growth) {
		this.growth = PropertyChecks.notNegative("memory.audit.heapdump.growth", growth);
	}

	public Duration getGrowthWindow() {
		return this.growthWindow;
	}

	public void setGrowthWindow(Duration growthWindow) {
		this.growthWindow = PropertyChecks.positive("memory.audit.heapdump.growth-window", growthWindow);
	}

	public Duration getMinInterval() {
		return this.minInterval;
	}

	public void setMinInterval(Duration minInterval) {
		this.minInterval = PropertyChecks.notNegative("memory.audit.heapdump.min-interval", minInterval);
	}

	public int getMaxCount() {
		return this.maxCount;
	}

	public void setMaxCount(int maxCount) {
		this.maxCount = PropertyChecks.atLeast("memory.audit.heapdump.max-count", 1, maxCount);
	}

	public DataSize getMaxTotalSize() {
		return this.maxTotalSize;
	}

	public void setMaxTotalSize(DataSize maxTotalSize) {
		this.maxTotalSize = PropertyChecks.positive("memory.audit.heapdump.max-total-size", maxTotalSize);
	}

}
