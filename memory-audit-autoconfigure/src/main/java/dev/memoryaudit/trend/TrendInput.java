package dev.memoryaudit.trend;

import java.time.Instant;
import java.util.List;

import dev.memoryaudit.histogram.ClassHistogram;
import dev.memoryaudit.snapshot.Snapshot;

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
 */
public record TrendInput(Instant now, List<Snapshot> snapshots, List<ClassHistogram> histograms,
		List<Confirmation> confirmations, String confirmationMode, List<String> notes,
		List<ReportSection> sections) {
}
