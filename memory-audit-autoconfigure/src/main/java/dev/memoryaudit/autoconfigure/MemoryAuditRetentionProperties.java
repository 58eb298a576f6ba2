package dev.memoryaudit.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Retention paths from a JFR recording of old-object samples, under {@code memory.audit.retention}.
 */
@ConfigurationProperties("memory.audit.retention")
public class MemoryAuditRetentionProperties {

	/**
	 * Whether to run a JFR recording of old-object samples and report the paths that retain growing classes. Off by
	 * default: it cost the sample app about a fifth of its throughput under load, up to 44 % (docs/performance.md), and
	 * each dump pauses the JVM for ~0.1 s.
	 */
	private boolean enabled = false;

	/**
	 * Longest time one dump may spend searching paths to GC roots; the JVM is paused while it searches. Zero means
	 * no limit ("infinity").
	 */
	private Duration cutoff = Duration.ofSeconds(5);

	/**
	 * How long the recording keeps samples.
	 */
	private Duration maxAge = Duration.ofMinutes(30);

	/**
	 * How much the recording keeps on disk.
	 */
	private DataSize maxSize = DataSize.ofMegabytes(16);

	/**
	 * Shortest time between two dumps, whether triggered by the trend or requested.
	 */
	private Duration minInterval = Duration.ofMinutes(1);

	/**
	 * Directory in which a private (0700) directory for the recording is created; the system temporary directory
	 * when not set.
	 */
	private Path directory;

	/**
	 * Most retention paths kept per dump.
	 */
	private int maxPaths = 20;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Duration getCutoff() {
		return this.cutoff;
	}

	public void setCutoff(Duration cutoff) {
		this.cutoff = PropertyChecks.notNegative("memory.audit.retention.cutoff", cutoff);
	}

	public Duration getMaxAge() {
		return this.maxAge;
	}

	public void setMaxAge(Duration maxAge) {
		this.maxAge = PropertyChecks.positive("memory.audit.retention.max-age", maxAge);
	}

	public DataSize getMaxSize() {
		return this.maxSize;
	}

	public void setMaxSize(DataSize maxSize) {
		this.maxSize = PropertyChecks.require("memory.audit.retention.max-size",
				maxSize != null && maxSize.toBytes() >= DataSize.ofMegabytes(1).toBytes(), "at least 1MB (e.g. 16MB)",
				maxSize);
	}

	public Duration getMinInterval() {
		return this.minInterval;
	}

	public void setMinInterval(Duration minInterval) {
		this.minInterval = PropertyChecks.notNegative("memory.audit.retention.min-interval", minInterval);
	}

	public Path getDirectory() {
		return this.directory;
	}

	public void setDirectory(Path directory) {
		this.directory = directory;
	}

	public int getMaxPaths() {
		return this.maxPaths;
	}

	public void setMaxPaths(int maxPaths) {
		this.maxPaths = PropertyChecks.atLeast("memory.audit.retention.max-paths", 1, maxPaths);
	}

}
