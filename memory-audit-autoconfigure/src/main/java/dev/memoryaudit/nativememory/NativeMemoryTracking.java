package dev.memoryaudit.nativememory;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.memoryaudit.snapshot.SeriesContributor;
import org.jspecify.annotations.Nullable;

/**
 * Reads the Native Memory Tracking summary on every snapshot tick when NMT is on, contributes committed bytes per
 * category as series {@code nmt.<category>} (and {@code nmt.total}), and keeps the latest summary for gauges. NMT is
 * fixed at JVM start, so whether it is on is decided once, at construction.
 */
public final class NativeMemoryTracking implements SeriesContributor {

	/**
	 * Prefix of the contributed series names.
	 */
	public static final String SERIES_PREFIX = "nmt.";

	/**
	 * Series name of the committed total.
	 */
	public static final String TOTAL_SERIES = SERIES_PREFIX + "total";

	private static final System.Logger logger = System.getLogger(NativeMemoryTracking.class.getName());

	private final NmtSource source;

	private final @Nullable String unavailableReason;

	private volatile @Nullable NmtSummary latest;

	/**
	 * Creates the tracker and probes whether NMT is on.
	 * @param source the summary source
	 */
	public NativeMemoryTracking(NmtSource source) {
		this.source = source;
		String reason;
		try {
			String output = source.summary();
			NmtSummary summary = NmtSummaryParser.parse(output);
			this.latest = summary;
			if (summary != null) {
				reason = null;
			}
			else if (output.contains("not enabled")) {
				reason = "unavailable: NMT not enabled (-XX:NativeMemoryTracking=summary)";
			}
			else {
				reason = "unavailable: unrecognised VM.native_memory output";
			}
		}
		catch (Exception | LinkageError ex) {
			reason = "unavailable: VM.native_memory cannot run on this JVM (" + ex.getClass().getSimpleName() + ")";
		}
		this.unavailableReason = reason;
	}

	/**
	 * Whether NMT is on and readable.
	 * @return {@code true} when summaries are available
	 */
	public boolean isEnabled() {
		return this.unavailableReason == null;
	}

	/**
	 * Why NMT figures are missing.
	 * @return the reason, or {@code null} when NMT is on
	 */
	public @Nullable String unavailableReason() {
		return this.unavailableReason;
	}

	/**
	 * The latest summary.
	 * @return the summary, or {@code null} when NMT is off
	 */
	public @Nullable NmtSummary latest() {
		return this.latest;
	}

	@Override
	public Map<String, Long> sample() {
		if (!isEnabled()) {
			return Map.of();
		}
		NmtSummary summary;
		try {
			summary = NmtSummaryParser.parse(this.source.summary());
		}
		catch (Exception ex) {
			logger.log(System.Logger.Level.DEBUG, "VM.native_memory summary failed", ex);
			return Map.of();
		}
		if (summary == null) {
			return Map.of();
		}
		this.latest = summary;
		Map<String, Long> values = new LinkedHashMap<>();
		values.put(TOTAL_SERIES, summary.committedBytes());
		summary.committedByCategory().forEach((category, bytes) -> values.put(SERIES_PREFIX + category, bytes));
		return values;
	}

}
