package dev.memoryaudit.trend;

import java.time.Instant;
import java.util.List;

import dev.memoryaudit.histogram.LeakSuspect;
import org.jspecify.annotations.Nullable;

/**
 * The overall verdict with each series' assessment, the live-set evidence and the leak suspects from class
 * histograms.
 *
 * @param generatedAt when the report was computed
 * @param verdict the overall verdict
 * @param confirmed whether a growth verdict stands on strong evidence
 * @param summary one sentence for people
 * @param liveSet the evidence behind the live-set verdict
 * @param series each series' assessment, the live set first
 * @param suspects classes growing across consecutive histograms, most suspicious first
 * @param snapshots snapshots in history
 * @param histograms histograms in history
 * @param segmentStart start of the current segment (after the last restart seen in history)
 * @param notes what is unavailable on this JVM and why, and other caveats
 * @param sections sections contributed by other components (auditor findings, ...)
 */
public record TrendReport(Instant generatedAt, Verdict verdict, boolean confirmed, String summary,
		LiveSetEvidence liveSet, List<SeriesAssessment> series, List<LeakSuspect> suspects, int snapshots,
		int histograms, @Nullable Instant segmentStart, List<String> notes, List<ReportSection> sections) {

	public TrendReport {
		series = List.copyOf(series);
		suspects = List.copyOf(suspects);
		notes = List.copyOf(notes);
		sections = List.copyOf(sections);
	}

	/**
	 * The assessment of the named series.
	 * @param name the series name
	 * @return the assessment, or {@code null}
	 */
	public @Nullable SeriesAssessment series(String name) {
		return this.series.stream().filter((s) -> s.series().equals(name)).findFirst().orElse(null);
	}

}
