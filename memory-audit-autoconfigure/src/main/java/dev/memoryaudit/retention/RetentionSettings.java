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
 * @param recording when the recording runs
 * @param sampleFor with {@link RetentionRecording#ON_LEAK}, how long the recording samples before each of its dumps
 * @param resampleInterval with {@link RetentionRecording#ON_LEAK}, the shortest time between the end of one recording
 * and the start of the next while the leak is still suspected
 */
public record RetentionSettings(@Nullable Duration cutoff, Duration maxAge, long maxSize, Duration minInterval,
		@Nullable Path parentDirectory, int maxPaths, RetentionRecording recording, Duration sampleFor,
		Duration resampleInterval) {

	public RetentionSettings {
		Objects.requireNonNull(maxAge, "maxAge");
		Objects.requireNonNull(minInterval, "minInterval");
		Objects.requireNonNull(recording, "recording");
		Objects.requireNonNull(sampleFor, "sampleFor");
		Objects.requireNonNull(resampleInterval, "resampleInterval");
	}

	/**
	 * Settings of a recording that runs from start-up ({@link RetentionRecording#ALWAYS}).
	 * @param cutoff the path search cutoff, {@code null} for none
	 * @param maxAge how long the recording keeps data
	 * @param maxSize how many bytes it keeps on disk
	 * @param minInterval the shortest time between two dumps
	 * @param parentDirectory where the private directory is created
	 * @param maxPaths the most paths kept per dump
	 * @return the settings
	 */
	public static RetentionSettings always(@Nullable Duration cutoff, Duration maxAge, long maxSize,
			Duration minInterval, @Nullable Path parentDirectory, int maxPaths) {
		return new RetentionSettings(cutoff, maxAge, maxSize, minInterval, parentDirectory, maxPaths,
				RetentionRecording.ALWAYS, Duration.ofMinutes(10), Duration.ofHours(1));
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
