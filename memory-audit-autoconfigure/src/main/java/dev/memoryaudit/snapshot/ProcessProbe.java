package dev.memoryaudit.snapshot;

import org.jspecify.annotations.Nullable;

/**
 * Process-level figures that the JVM's standard MXBeans do not give everywhere: resident set size and file
 * descriptors. Each method answers {@code null} where the figure is unavailable.
 */
public interface ProcessProbe {

	/**
	 * Resident set size of this process.
	 * @return bytes, or {@code null} where unavailable
	 */
	@Nullable Long rssBytes();

	/**
	 * Open file descriptors of this process.
	 * @return the count, or {@code null} where unavailable
	 */
	@Nullable Long openFileDescriptors();

	/**
	 * Maximum file descriptors this process may open.
	 * @return the limit, or {@code null} where unavailable
	 */
	@Nullable Long maxFileDescriptors();

	/**
	 * Why figures are missing on this platform, for reports.
	 * @return a human-readable reason, or {@code null} when all figures are available
	 */
	default @Nullable String unavailableReason() {
		return null;
	}

}
