package dev.memoryaudit.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;

import dev.memoryaudit.retention.RetentionRecording;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Retention paths from a JFR recording of old-object samples, under {@code memory.audit.retention}.
 */
@ConfigurationProperties("memory.audit.retention")
public class MemoryAuditRetentionProperties {

	/**
	 * Whether to name the culprit of a suspected leak from a JFR recording of old-object samples: the path that
	 * retains the growing class and where its instances are allocated. When the recording runs is set by
	 * 'recording'.
	 */
	private boolean enabled = true;

	/**
	 * When the JFR recording runs: 'on-leak' only while a leak is suspected (it starts on LEAK_SUSPECTED, dumps after
	 * each 'sample-for', and stops once a dump names the culprit of every leak suspect, after three dumps, or when
	 * the verdict leaves growth), so a healthy service pays nothing; 'always' from start-up, at about a fifth of the
	 * throughput under load on the sample app (docs/performance.md).
	 */
	private RetentionRecording recording = RetentionRecording.ON_LEAK;

	/**
	 * With recording=on-leak, how long the recording samples before each dump. Slow leaks need longer to be sampled.
	 */
	private Duration sampleFor = Duration.ofMinutes(10);

	/**
	 * With recording=on-leak, the shortest time from the end of one recording to the start of the next while the
	 * leak is still suspected.
	 */
	private Duration resampleInterval = Duration.ofHours(1);

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

	public RetentionRecording getRecording() {
		return this.recording;
	}

	public void setRecording(RetentionRecording recording) {
		this.recording = PropertyChecks.require("memory.audit.retention.recording", recording != null,
				"on-leak or always", recording);
	}

	public Duration getSampleFor() {
		return this.sampleFor;
	}

	public void setSampleFor(Duration sampleFor) {
		this.sampleFor = PropertyChecks.positive("memory.audit.retention.sample-for", sampleFor);
	}

	public Duration getResampleInterval() {
		return this.resampleInterval;
	}

	public void setResampleInterval(Duration resampleInterval) {
		this.resampleInterval = PropertyChecks.notNegative("memory.audit.retention.resample-interval",
				resampleInterval);
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
