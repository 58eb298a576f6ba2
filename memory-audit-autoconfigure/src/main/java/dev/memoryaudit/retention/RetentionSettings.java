package dev.memoryaudit.retention;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Settings of the retention recording and its dumps.
 *
 * @param cutoff the longest time JFR may spend searching paths to GC roots in one dump ({@code jdk.OldObjectSample}
 * setting {@code cutoff}); {@code null} for no limit ("infinity")
 * @param maxAge how long the recording keeps data
 * @param maxSize how many bytes the recording keeps on disk
 * @param minInterval the shortest time between two dumps
 * @param parentDirectory where the private directory is created, {@code null} for the system temporary directory
 * @param maxPaths the most paths kept per dump
 */
public record RetentionSettings(@Nullable Duration cutoff, Duration maxAge, long maxSize, Duration minInterval,
		@Nullable Path parentDirectory, int maxPaths) {

	public RetentionSettings {
		Objects.requireNonNull(maxAge, "maxAge");
		Objects.requireNonNull(minInterval, "minInterval");
	}

	/**
	 * The {@code cutoff} setting as JFR spells it.
	 * @return {@code infinity} or a duration in milliseconds, such as {@code 5000 ms}
	 */
	public String jfrCutoff() {
		Duration value = this.cutoff;
		return (value == null) ? "infinity" : value.toMillis() + " ms";
	}

}
