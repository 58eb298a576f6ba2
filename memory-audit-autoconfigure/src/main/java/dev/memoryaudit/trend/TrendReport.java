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
 * @param unconfirmedGrowth growth on weak evidence only, which does not raise the verdict
 * @param verdictSince when the verdict last changed, {@code null} before it was first tracked
 * @param previousVerdict the verdict before that change, {@code null} when none
 */
public record TrendReport(Instant generatedAt, Verdict verdict, boolean confirmed, String summary,
		LiveSetEvidence liveSet, List<SeriesAssessment> series, List<LeakSuspect> suspects, int snapshots,
		int histograms, @Nullable Instant segmentStart, List<String> notes, List<ReportSection> sections,
		List<UnconfirmedGrowth> unconfirmedGrowth, @Nullable Instant verdictSince, @Nullable Verdict previousVerdict) {

	public TrendReport {
		series = List.copyOf(series);
		suspects = List.copyOf(suspects);
		notes = List.copyOf(notes);
		sections = List.copyOf(sections);
		unconfirmedGrowth = List.copyOf(unconfirmedGrowth);
	}

	/**
	 * A copy with another verdict, summary and verdict history (the hysteresis of {@link VerdictLatch}).
	 * @param newVerdict the verdict
	 * @param newConfirmed whether it stands on strong evidence
	 * @param newSummary the summary
	 * @param since when the verdict last changed
	 * @param previous the verdict before that change
	 * @return the copy
	 */
	public TrendReport withVerdict(Verdict newVerdict, boolean newConfirmed, String newSummary,
			@Nullable Instant since, @Nullable Verdict previous) {
		return new TrendReport(this.generatedAt, newVerdict, newConfirmed, newSummary, this.liveSet, this.series,
				this.suspects, this.snapshots, this.histograms, this.segmentStart, this.notes, this.sections,
				this.unconfirmedGrowth, since, previous);
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
