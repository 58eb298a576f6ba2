package dev.memoryaudit.engine;

import java.time.Duration;

import dev.memoryaudit.snapshot.Snapshot;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of an on-demand capture: a snapshot with its histogram, or a refusal with the time until allowed.
 *
 * @param snapshot the snapshot, {@code null} when refused
 * @param histogram the histogram taken with it, {@code null} when refused or unavailable
 * @param retryAfter time until a histogram is allowed again, {@code null} unless refused
 * @param message what happened, for people
 */
public record OnDemandCapture(@Nullable Snapshot snapshot, @Nullable HistogramRecord histogram,
		@Nullable Duration retryAfter, String message) {

	public boolean refused() {
		return this.retryAfter != null;
	}

}
