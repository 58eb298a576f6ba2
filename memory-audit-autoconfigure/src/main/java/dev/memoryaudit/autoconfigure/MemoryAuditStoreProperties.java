package dev.memoryaudit.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Persisted snapshot history, under {@code memory.audit.store}. Off unless a directory is set.
 */
@ConfigurationProperties("memory.audit.store")
public class MemoryAuditStoreProperties {

	/**
	 * Private directory (created 0700, files 0600) where snapshots are appended as JSON lines and restored from on
	 * start, so a trend can span restarts. Unset: history is in memory only.
	 */
	private @Nullable Path directory;

	/**
	 * Size after which a new file is started.
	 */
	private DataSize maxFileSize = DataSize.ofMegabytes(8);

	/**
	 * Age after which a file of the store is deleted.
	 */
	private Duration maxAge = Duration.ofDays(7);

	/**
	 * Whether to force the history file to the device (fsync) at most once per sync interval. Every snapshot is
	 * written when it is taken, so it survives the process being killed either way; forcing bounds what a crash of
	 * the host or a power loss can take to one interval.
	 */
	private boolean sync = true;

	/**
	 * Minimum time between two forces of the history file to the device; 0 forces after every snapshot.
	 */
	private Duration syncInterval = Duration.ofMinutes(1);

	public @Nullable Path getDirectory() {
		return this.directory;
	}

	public void setDirectory(@Nullable Path directory) {
		this.directory = directory;
	}

	public DataSize getMaxFileSize() {
		return this.maxFileSize;
	}

	public void setMaxFileSize(DataSize maxFileSize) {
		this.maxFileSize = PropertyChecks.require("memory.audit.store.max-file-size",
				maxFileSize != null && maxFileSize.toBytes() >= 1024, "at least 1KB", maxFileSize);
	}

	public Duration getMaxAge() {
		return this.maxAge;
	}

	public void setMaxAge(Duration maxAge) {
		this.maxAge = PropertyChecks.positive("memory.audit.store.max-age", maxAge);
	}

	public boolean isSync() {
		return this.sync;
	}

	public void setSync(boolean sync) {
		this.sync = sync;
	}

	public Duration getSyncInterval() {
		return this.syncInterval;
	}

	public void setSyncInterval(Duration syncInterval) {
		this.syncInterval = PropertyChecks.notNegative("memory.audit.store.sync-interval", syncInterval);
	}

}
