package dev.memoryaudit.report;

import java.util.Locale;

import dev.memoryaudit.histogram.ClassDelta;
import dev.memoryaudit.histogram.HistogramDiff;
import dev.memoryaudit.trend.Units;

/**
 * Renders a heap diff as markdown: totals, then one row per class sorted by byte growth.
 */
public final class HeapDiffMarkdown {

	private HeapDiffMarkdown() {
	}

	/**
	 * Renders the diff.
	 * @param report the diff with its snapshot ids
	 * @return markdown text
	 */
	public static String render(HeapDiffReport report) {
		HistogramDiff diff = report.diff();
		StringBuilder out = new StringBuilder();
		out.append(String.format(Locale.ROOT, "# Heap diff: snapshot %d (%s) → %d (%s)%n%n", report.from(),
				report.fromTrigger(), report.to(), report.toTrigger()));
		out.append(String.format(Locale.ROOT, "Over %s: %s, %+,d instances; %d new and %d vanished classes.%n",
				duration(diff.elapsed()), signed(diff.bytesDelta()), diff.instancesDelta(), diff.newClassCount(),
				diff.vanishedClassCount()));
		if (diff.modesDiffer()) {
			out.append("\nNote: one histogram is live (after a full GC) and the other includes unreachable objects "
					+ "(-all); differences partly reflect garbage.\n");
		}
		out.append('\n');
		MarkdownTable table = new MarkdownTable("#", "Class", "Δ bytes", "Δ instances", "Bytes (from → to)",
				"Status");
		int rank = 1;
		for (ClassDelta delta : diff.deltas()) {
			table.row(rank++, delta.displayName(), signed(delta.bytesDelta()),
					String.format(Locale.ROOT, "%+,d", delta.instancesDelta()),
					Units.bytes(delta.fromBytes()) + " → " + Units.bytes(delta.toBytes()), delta.status());
		}
		table.appendTo(out);
		return out.toString();
	}

	static String duration(java.time.Duration duration) {
		long seconds = duration.getSeconds();
		if (seconds < 120) {
			return seconds + " s";
		}
		if (seconds < 7200) {
			return (seconds / 60) + " min " + (seconds % 60) + " s";
		}
		return String.format(Locale.ROOT, "%.1f h", seconds / 3600.0);
	}

	private static String signed(long bytes) {
		return (bytes >= 0 ? "+" : "") + Units.bytes(bytes);
	}

}
