package dev.memoryaudit.retention;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * The outcome of asking for a dump: the report, a refusal inside the minimum interval, or unavailability.
 *
 * @param report the report after the dump (or the current one when refused)
 * @param retryAfter time until a dump is allowed when refused, else {@code null}
 * @param message what happened, for people
 * @param notRecording whether no dump was taken because the recording does not run now (on-leak, no leak suspected)
 */
public record RetentionDump(RetentionReport report, @Nullable Duration retryAfter, String message,
		boolean notRecording) {

	public boolean refused() {
		return this.retryAfter != null;
	}

	public boolean unavailable() {
		return this.report.unavailable() != null;
	}

}
