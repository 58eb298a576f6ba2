package dev.memoryaudit.retention;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Markdown renderings of retention paths: the "retained by" section of the trend report and the full
 * {@code memoryretention} report.
 */
public final class RetentionMarkdown {

	private RetentionMarkdown() {
	}

	/**
	 * The section under the leak suspects in the trend report.
	 * @param report the report
	 * @return markdown with its own heading
	 */
	public static String section(RetentionReport report) {
		return section(report, List.of());
	}

	/**
	 * The section under the leak suspects in the trend report, the culprits first.
	 * @param report the report
	 * @param culprits the named culprits of the latest dump
	 * @return markdown with its own heading
	 */
	public static String section(RetentionReport report, List<Culprit> culprits) {
		return section(report, culprits, null);
	}

	/**
	 * The section under the leak suspects in the trend report, the culprits first, with the recording's state.
	 * @param report the report
	 * @param culprits the named culprits of the latest dump
	 * @param recording whether the recording runs and what starts it, {@code null} to leave it out
	 * @return markdown with its own heading
	 */
	public static String section(RetentionReport report, List<Culprit> culprits, @Nullable String recording) {
		StringBuilder out = new StringBuilder("## Retained by (JFR old-object samples)\n\n");
		if (report.unavailable() != null) {
			return out.append(report.unavailable()).append('\n').toString();
		}
		if (recording != null) {
			out.append("Recording: ").append(recording).append(".\n\n");
		}
		if (report.dumpedAt() == null) {
			return out.append("No dump yet: one is taken when the recording has sampled a growing trend, or with "
					+ "POST /actuator/memoryretention while it runs.\n").toString();
		}
		out.append("Dump at ").append(report.dumpedAt()).append(" (").append(report.trigger()).append(").\n\n");
		for (Culprit culprit : culprits) {
			out.append("**").append(culprit.displayName()).append("**, allocated at `").append(culprit.allocatedAt())
				.append("`, held by ").append(culprit.holder()).append(" (").append(culprit.samples())
				.append(" samples): +").append(bytes(culprit.bytesPerHour())).append(" an hour, +")
				.append(Math.round(culprit.instancesPerHour())).append(" instances an hour");
			if (culprit.exhaustionSeconds() != null) {
				out.append("; the heap is full in ").append(duration(culprit.exhaustionSeconds()));
			}
			if (culprit.namedAt() != null && !culprit.namedAt().equals(report.dumpedAt())) {
				out.append(" (named by the dump at ").append(culprit.namedAt())
					.append("; the latest did not name it)");
			}
			out.append(".\n\n");
			if (culprit.holderGrowth() != null) {
				out.append("- grew: ").append(culprit.holderGrowth()).append('\n');
			}
			out.append("- path: `").append(culprit.path()).append("`\n- allocation stack: `")
				.append(String.join(" < ", culprit.allocationFrames())).append("`\n- look at: ").append(culprit.lookAt())
				.append("\n\n");
		}
		if (report.retainedBy().isEmpty()) {
			out.append("No leak suspect appears on a sampled path; top paths:\n\n");
			report.paths().stream().limit(3).forEach((path) -> line(out, path));
			return out.toString();
		}
		for (Map.Entry<String, List<String>> entry : report.retainedBy().entrySet()) {
			out.append("- `").append(RetentionAnalyzer.readable(entry.getKey())).append("` retained by:\n");
			for (String holder : entry.getValue()) {
				out.append("  - ").append(holder).append('\n');
			}
		}
		return out.toString();
	}

	/**
	 * The full report.
	 * @param report the report
	 * @return markdown
	 */
	public static String report(RetentionReport report) {
		StringBuilder out = new StringBuilder("# Retention paths\n\n");
		if (report.unavailable() != null) {
			return out.append(report.unavailable()).append('\n').toString();
		}
		if (report.dumpedAt() == null) {
			return out.append("No dump yet (cutoff ").append(report.cutoff())
				.append("). POST /actuator/memoryretention takes one when its access is unrestricted.\n")
				.toString();
		}
		out.append("Dump at ").append(report.dumpedAt()).append(", trigger `").append(report.trigger())
			.append("`: ").append(report.dumpMillis()).append(" ms, ").append(report.fileBytes())
			.append(" bytes, ").append(report.samples()).append(" samples (").append(report.samplesWithRoot())
			.append(" reached a GC root), cutoff ").append(report.cutoff()).append(", read in ")
			.append(report.analyzeMillis()).append(" ms.\n\n");
		if (report.lastError() != null) {
			out.append("Last dump failed: ").append(report.lastError()).append("\n\n");
		}
		out.append("| # | samples | held by | path (object first) | allocated at | root | suspects on path |\n");
		out.append("|---|---:|---|---|---|---|---|\n");
		int i = 1;
		for (RetentionPath path : report.paths()) {
			out.append("| ").append(i++).append(" | ").append(path.samples()).append(" | ").append(cell(path.holder()))
				.append(" | ").append(cell(path.text())).append(" | ").append(cell(path.allocatedAt().site()))
				.append(" | ").append(cell(path.root())).append(" | ")
				.append(cell(String.join(", ", path.suspectClasses().stream().map(RetentionAnalyzer::readable)
					.toList())))
				.append(" |\n");
		}
		return out.toString();
	}

	private static void line(StringBuilder out, RetentionPath path) {
		out.append("- ").append(path.holder()).append(": `").append(path.text()).append("`, allocated at `")
			.append(path.allocatedAt().site()).append("` (").append(path.samples()).append(" samples)\n");
	}

	static String bytes(double bytes) {
		double abs = Math.abs(bytes);
		if (abs >= 1024 * 1024 * 1024) {
			return String.format(java.util.Locale.ROOT, "%.1f GiB", bytes / (1024.0 * 1024 * 1024));
		}
		if (abs >= 1024 * 1024) {
			return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
		}
		if (abs >= 1024) {
			return String.format(java.util.Locale.ROOT, "%.1f KiB", bytes / 1024.0);
		}
		return Math.round(bytes) + " B";
	}

	static String duration(long seconds) {
		if (seconds >= 2 * 86400) {
			return (seconds / 86400) + " days";
		}
		if (seconds >= 2 * 3600) {
			return (seconds / 3600) + " hours";
		}
		return Math.max(1, seconds / 60) + " minutes";
	}

	private static String cell(String text) {
		return text.replace("|", "\\|").replace("\n", " ");
	}

}
