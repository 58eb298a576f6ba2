package dev.memoryaudit.trend;

import java.time.Instant;
import java.util.List;

import dev.memoryaudit.histogram.ClassHistogram;
import dev.memoryaudit.snapshot.Snapshot;
import org.jspecify.annotations.Nullable;

/**
 * What a trend analysis reads: history, confirmations, and notes on what is unavailable.
 *
 * @param now the time of the analysis
 * @param snapshots snapshots, oldest first
 * @param histograms class histograms, oldest first
 * @param confirmations confirmations taken, oldest first
 * @param confirmationMode the configured confirmation mode, reported as is
 * @param notes caveats to carry into the report
 * @param sections sections contributed by other components
 * @param startedAt when the engine started (the application context, which may be later than the JVM); warm-up counts
 * from the later of the two; {@code null} to count from JVM start only
 * @param confirmationStatus what the last confirmation decision was (taken, not needed, passive and why)
 */
public record TrendInput(Instant now, List<Snapshot> snapshots, List<ClassHistogram> histograms,
		List<Confirmation> confirmations, String confirmationMode, List<String> notes,
		List<ReportSection> sections, @Nullable Instant startedAt, String confirmationStatus) {

	/**
	 * An input without a confirmation status.
	 * @param now the time of the analysis
	 * @param snapshots snapshots, oldest first
	 * @param histograms class histograms, oldest first
	 * @param confirmations confirmations taken, oldest first
	 * @param confirmationMode the configured confirmation mode
	 * @param notes caveats to carry into the report
	 * @param sections sections contributed by other components
	 * @param startedAt when the engine started, or {@code null}
	 */
	public TrendInput(Instant now, List<Snapshot> snapshots, List<ClassHistogram> histograms,
			List<Confirmation> confirmations, String confirmationMode, List<String> notes,
			List<ReportSection> sections, @Nullable Instant startedAt) {
		this(now, snapshots, histograms, confirmations, confirmationMode, notes, sections, startedAt, "");
	}

	/**
	 * An input whose warm-up counts from JVM start only.
	 * @param now the time of the analysis
	 * @param snapshots snapshots, oldest first
	 * @param histograms class histograms, oldest first
	 * @param confirmations confirmations taken, oldest first
	 * @param confirmationMode the configured confirmation mode
	 * @param notes caveats to carry into the report
	 * @param sections sections contributed by other components
	 */
	public TrendInput(Instant now, List<Snapshot> snapshots, List<ClassHistogram> histograms,
			List<Confirmation> confirmations, String confirmationMode, List<String> notes,
			List<ReportSection> sections) {
		this(now, snapshots, histograms, confirmations, confirmationMode, notes, sections, null);
	}

}
