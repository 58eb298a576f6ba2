package dev.memoryaudit.autoconfigure;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the lag (hiccup) meter, under {@code memory.audit.lag}.
 */
@ConfigurationProperties("memory.audit.lag")
public class MemoryAuditLagProperties {

	/**
	 * Whether to run the memory-audit-lag thread that measures how late it wakes from a fixed sleep.
	 */
	private boolean enabled = true;

	/**
	 * How long the lag thread sleeps between samples. Smaller catches shorter pauses at more CPU cost; between 1ms
	 * and 1s.
	 */
	private Duration resolution = Duration.ofMillis(10);

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Duration getResolution() {
		return this.resolution;
	}

	public void setResolution(Duration resolution) {
		this.resolution = PropertyChecks.require("memory.audit.lag.resolution",
				resolution != null && resolution.compareTo(Duration.ofMillis(1)) >= 0
						&& resolution.compareTo(Duration.ofSeconds(1)) <= 0,
				"between 1ms and 1s", resolution);
	}

}
