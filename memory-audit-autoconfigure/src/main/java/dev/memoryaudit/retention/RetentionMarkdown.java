package dev.memoryaudit.retention;

import java.util.List;
import java.util.Map;

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
		StringBuilder out = new StringBuilder("## Retained by (JFR old-object samples)\n\n");
		if (report.unavailable() != null) {
			return out.append(report.unavailable()).append('\n').toString();
		}
		if (report.dumpedAt() == null) {
			return out.append("No dump yet: one is taken when the trend turns GROWING or LEAK_SUSPECTED, or with "
					+ "POST /actuator/memoryretention.\n").toString();
		}
		out.append("Dump at ").append(report.dumpedAt()).append(" (").append(report.trigger()).append(").\n\n");
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
		out.append("| # | samples | held by | path (object first) | root | suspects on path |\n");
		out.append("|---|---:|---|---|---|---|\n");
		int i = 1;
		for (RetentionPath path : report.paths()) {
			out.append("| ").append(i++).append(" | ").append(path.samples()).append(" | ").append(cell(path.holder()))
				.append(" | ").append(cell(path.text())).append(" | ").append(cell(path.root())).append(" | ")
				.append(cell(String.join(", ", path.suspectClasses().stream().map(RetentionAnalyzer::readable)
					.toList())))
				.append(" |\n");
		}
		return out.toString();
	}

	private static void line(StringBuilder out, RetentionPath path) {
		out.append("- ").append(path.holder()).append(": `").append(path.text()).append("` (").append(path.samples())
			.append(" samples)\n");
	}

	private static String cell(String text) {
		return text.replace("|", "\\|").replace("\n", " ");
	}

}
