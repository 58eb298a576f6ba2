package dev.memoryaudit.retention;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The latest retention paths and how they were obtained, or why there are none.
 *
 * @param enabled whether the recording runs
 * @param unavailable why retention paths are unavailable ({@code "retention paths unavailable: ..."}), or
 * {@code null}
 * @param trigger what caused the latest dump ({@code on-demand}, {@code trend GROWING}, ...), or {@code null} before
 * the first
 * @param dumpedAt when the latest dump was taken
 * @param dumpMillis how long the dump took, paths to GC roots included
 * @param analyzeMillis how long reading and grouping took
 * @param fileBytes size of the dump file (deleted after reading)
 * @param cutoff the path search cutoff as JFR spells it
 * @param samples old-object samples in the dump
 * @param samplesWithRoot samples whose path reached a GC root
 * @param paths the ranked paths
 * @param retainedBy for each leak suspect (class name) the paths that carry it, best first
 * @param lastError the error of the latest attempt, or {@code null}
 * @param previous the dump before this one in the same recording, whose collection sizes tell growing holders from
 * steady ones; {@code null} when there is none
 */
public record RetentionReport(boolean enabled, @Nullable String unavailable, @Nullable String trigger,
		@Nullable Instant dumpedAt, long dumpMillis, long analyzeMillis, long fileBytes, String cutoff, int samples,
		int samplesWithRoot, List<RetentionPath> paths, Map<String, List<String>> retainedBy,
		@Nullable String lastError, Culprit.@Nullable PreviousDump previous) {

	public RetentionReport {
		paths = List.copyOf(paths);
		retainedBy = Collections.unmodifiableMap(new LinkedHashMap<>(retainedBy));
	}

	/**
	 * A report with no previous dump to compare with.
	 */
	public RetentionReport(boolean enabled, @Nullable String unavailable, @Nullable String trigger,
			@Nullable Instant dumpedAt, long dumpMillis, long analyzeMillis, long fileBytes, String cutoff, int samples,
			int samplesWithRoot, List<RetentionPath> paths, Map<String, List<String>> retainedBy,
			@Nullable String lastError) {
		this(enabled, unavailable, trigger, dumpedAt, dumpMillis, analyzeMillis, fileBytes, cutoff, samples,
				samplesWithRoot, paths, retainedBy, lastError, null);
	}

	static RetentionReport unavailable(String reason, String cutoff) {
		return new RetentionReport(false, "retention paths unavailable: " + reason, null, null, 0, 0, 0, cutoff, 0, 0,
				List.of(), Map.of(), null);
	}

	static RetentionReport empty(String cutoff) {
		return new RetentionReport(true, null, null, null, 0, 0, 0, cutoff, 0, 0, List.of(), Map.of(), null);
	}

}
