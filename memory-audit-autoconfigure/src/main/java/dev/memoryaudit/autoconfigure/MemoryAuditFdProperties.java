package dev.memoryaudit.autoconfigure;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the file-descriptor census by type, under {@code memory.audit.fd}.
 */
@ConfigurationProperties("memory.audit.fd")
public class MemoryAuditFdProperties {

	/**
	 * Whether to count open file descriptors by type from /proc/self/fd on every snapshot tick.
	 */
	private boolean byType = true;

	/**
	 * Most /proc/self/fd link targets read per census (each costs tens of microseconds); descriptors beyond it are
	 * listed but not classified, and the census reports the truncation.
	 */
	private int maxRead = 5000;

	/**
	 * Time after which a census stops reading link targets and reports the truncation.
	 */
	private Duration timeBudget = Duration.ofMillis(100);

	public boolean isByType() {
		return this.byType;
	}

	public void setByType(boolean byType) {
		this.byType = byType;
	}

	public int getMaxRead() {
		return this.maxRead;
	}

	public void setMaxRead(int maxRead) {
		this.maxRead = PropertyChecks.atLeast("memory.audit.fd.max-read", 1, maxRead);
	}

	public Duration getTimeBudget() {
		return this.timeBudget;
	}

	public void setTimeBudget(Duration timeBudget) {
		this.timeBudget = PropertyChecks.positive("memory.audit.fd.time-budget", timeBudget);
	}

}
