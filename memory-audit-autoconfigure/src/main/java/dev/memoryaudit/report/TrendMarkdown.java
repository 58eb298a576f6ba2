package dev.memoryaudit.report;

import java.util.Locale;

import dev.memoryaudit.histogram.LeakSuspect;
import dev.memoryaudit.trend.Confirmation;
import dev.memoryaudit.trend.LiveSetEvidence;
import dev.memoryaudit.trend.ReclaimedPoint;
import dev.memoryaudit.trend.ReportSection;
import dev.memoryaudit.trend.SeriesAssessment;
import dev.memoryaudit.trend.TrendReport;
import dev.memoryaudit.trend.UnconfirmedGrowth;
import dev.memoryaudit.trend.Units;

/**
 * Renders a {@link TrendReport} as markdown with a table and sparklines of each series.
 */
public final class TrendMarkdown {

	private TrendMarkdown() {
	}

	/**
	 * Renders the report.
	 * @param report the report
	 * @return markdown text
	 */
	public static String render(TrendReport report) {
		StringBuilder out = new StringBuilder();
		out.append("# Memory trend: ").append(report.verdict());
		if (report.verdict().isGrowth()) {
			out.append(report.confirmed() ? " (confirmed)" : " (unconfirmed)");
		}
		out.append("\n\n").append(report.summary()).append("\n\n");
		if (report.verdictSince() != null) {
			out.append("Verdict since ").append(report.verdictSince());
			if (report.previousVerdict() != null) {
				out.append(" (was ").append(report.previousVerdict()).append(')');
			}
			out.append(".\n\n");
		}
		out.append(String.format(Locale.ROOT, "%d snapshots, %d histograms, generated %s", report.snapshots(),
				report.histograms(), report.generatedAt()));
		if (report.segmentStart() != null) {
			out.append(", segment since ").append(report.segmentStart());
		}
		out.append(".\n\n## Series\n\n");
		MarkdownTable table = new MarkdownTable("Series", "Verdict", "Trend", "First", "Last", "Slope/h", "p",
				"Exhaustion", "Why");
		for (SeriesAssessment series : report.series()) {
			table.row(series.series(), series.verdict(), series.sparkline(), value(series.first(), series.unit()),
					value(series.last(), series.unit()), value(series.slopePerHour(), series.unit()),
					(series.pValue() != null) ? String.format(Locale.ROOT, "%.2g", series.pValue()) : "–",
					eta(series.exhaustionSeconds()), series.reason());
		}
		table.appendTo(out);
		if (!report.unconfirmedGrowth().isEmpty()) {
			out.append("\n## Unconfirmed growth (weak evidence, not in the verdict)\n\n");
			for (UnconfirmedGrowth growth : report.unconfirmedGrowth()) {
				out.append("- ").append(growth.series()).append(" (").append(growth.verdict()).append("): ")
					.append(growth.reason()).append('\n');
			}
		}
		appendEvidence(out, report.liveSet());
		appendSuspects(out, report);
		for (ReportSection section : report.sections()) {
			out.append('\n').append(section.markdown());
			if (!section.markdown().endsWith("\n")) {
				out.append('\n');
			}
		}
		if (!report.notes().isEmpty()) {
			out.append("\n## Notes\n\n");
			report.notes().forEach((note) -> out.append("- ").append(note).append('\n'));
		}
		return out.toString();
	}

	private static void appendEvidence(StringBuilder out, LiveSetEvidence evidence) {
		out.append("\n## Live-set evidence\n\n");
		out.append("- confirmed: ").append(evidence.confirmed()).append(" — ").append(evidence.reason()).append('\n');
		out.append("- old-generation (reclaiming) collections in window: ")
			.append(evidence.reclaimingCollections())
			.append('\n');
		if (evidence.ticksSinceReclaim() != null) {
			out.append("- ticks since the last reclaiming collection: ")
				.append(evidence.ticksSinceReclaim())
				.append('\n');
		}
		out.append("- confirmation mode: ").append(evidence.confirmationMode());
		if (!evidence.confirmationStatus().isEmpty()) {
			out.append(" — ").append(evidence.confirmationStatus());
		}
		out.append('\n');
		java.util.List<ReclaimedPoint> exact = evidence.exactPoints();
		if (!exact.isEmpty()) {
			out.append("- exact live-set measurements (latest 12): ");
			exact.subList(Math.max(0, exact.size() - 12), exact.size())
				.forEach((point) -> out.append(Units.bytes(point.bytes())).append(" (").append(point.source())
					.append(") "));
			out.append('\n');
		}
		java.util.List<ReclaimedPoint> cycles = evidence.reclaimedFloor().stream().filter((p) -> !p.exact()).toList();
		if (!cycles.isEmpty()) {
			out.append("- reclaimed floor: ");
			int shown = 0;
			int skip = Math.max(0, cycles.size() - 12);
			for (ReclaimedPoint point : cycles) {
				if (shown++ < skip) {
					continue;
				}
				out.append(Units.bytes(point.bytes())).append(" (").append(point.source()).append(") ");
			}
			out.append('\n');
		}
		for (Confirmation confirmation : evidence.confirmations()) {
			out.append("- confirmation ")
				.append(confirmation.kind())
				.append(" at ")
				.append(confirmation.time())
				.append(": pause ")
				.append(confirmation.pauseMillis())
				.append(" ms");
			if (confirmation.liveBytes() >= 0) {
				out.append(", live ").append(Units.bytes(confirmation.liveBytes()));
			}
			out.append('\n');
		}
	}

	private static void appendSuspects(StringBuilder out, TrendReport report) {
		out.append("\n## Leak suspects\n\n");
		if (report.suspects().isEmpty()) {
			out.append(report.histograms() < 2 ? "Needs at least two class histograms.\n"
					: "No class grows across consecutive histograms.\n");
			return;
		}
		MarkdownTable table = new MarkdownTable("Class", "Classification", "Growth/h", "First", "Last",
				"Histograms");
		for (LeakSuspect suspect : report.suspects()) {
			table.row(suspect.displayName(), suspect.classification(), Units.bytes(suspect.bytesPerHour()),
					Units.bytes(suspect.firstBytes()), Units.bytes(suspect.lastBytes()), suspect.histogramsSeen());
		}
		table.appendTo(out);
	}

	static String value(Double value, String unit) {
		return (value != null) ? Units.format(value, unit) : "–";
	}

	static String eta(Long seconds) {
		if (seconds == null) {
			return "–";
		}
		if (seconds < 3600) {
			return (seconds / 60) + " min";
		}
		if (seconds < 172800) {
			return String.format(Locale.ROOT, "%.1f h", seconds / 3600.0);
		}
		return String.format(Locale.ROOT, "%.1f d", seconds / 86400.0);
	}

}
