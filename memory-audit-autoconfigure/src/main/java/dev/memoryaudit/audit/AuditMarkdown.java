package dev.memoryaudit.audit;

import java.time.Duration;
import java.util.Locale;

import dev.memoryaudit.report.MarkdownTable;
import dev.memoryaudit.trend.SeriesAssessment;

/**
 * Renders an {@link AuditReport} as markdown: findings, a structure table (Structure | Kind | Bound | Size | Fill |
 * Eviction/expiry | Verdict), the largest thread groups and the leak probes (meters, class loaders, sessions,
 * thread-locals).
 */
public final class AuditMarkdown {

	/** Thread groups listed in the markdown at most. */
	static final int THREAD_GROUPS_SHOWN = 15;

	private AuditMarkdown() {
	}

	/**
	 * The full report.
	 * @param report the report
	 * @return markdown with a {@code #} heading
	 */
	public static String render(AuditReport report) {
		StringBuilder out = new StringBuilder();
		out.append("# Memory audit: bounded structures\n\n");
		out.append(report.summary()).append(" Audited at ").append(report.time()).append(".\n\n");
		findings(report, out, "##");
		out.append("## Structures\n\n");
		MarkdownTable structures = new MarkdownTable("Structure", "Kind", "Bound", "Size", "Fill", "Eviction/expiry",
				"Verdict");
		for (StructureRow row : report.structures()) {
			AuditedStructure s = row.structure();
			structures.row(s.name(), s.kind().value() + " (" + simpleName(s.implementation()) + ")", bound(s),
					(s.size() != null) ? s.size() + " " + s.unit() : "?",
					(row.fill() != null) ? String.format(Locale.ROOT, "%.0f%%", row.fill() * 100) : "-", s.policy(),
					row.verdict() + trend(row.trend()));
		}
		if (structures.isEmpty()) {
			out.append("No caches, executors or registered collections found.\n\n");
		}
		else {
			structures.appendTo(out);
			out.append('\n');
		}
		out.append("## Thread groups\n\n");
		MarkdownTable groups = new MarkdownTable("Pattern", "Threads", "Trend", "Verdict");
		report.threadGroups()
			.stream()
			.limit(THREAD_GROUPS_SHOWN)
			.forEach((g) -> groups.row(g.pattern(), g.count(), sparkline(g), g.verdict() + trend(g.trend())));
		groups.appendTo(out);
		if (report.threadGroups().size() > THREAD_GROUPS_SHOWN) {
			out.append("\n").append(report.threadGroups().size() - THREAD_GROUPS_SHOWN).append(" smaller groups not shown.\n");
		}
		probes(report, out);
		notes(report, out);
		return out.toString();
	}

	/**
	 * The section added to the {@code memorytrend} report: the findings only.
	 * @param report the report
	 * @return markdown with a {@code ##} heading
	 */
	public static String section(AuditReport report) {
		StringBuilder out = new StringBuilder();
		out.append("## Memory audit (").append(report.verdict()).append(")\n\n");
		out.append(report.summary()).append(" Details: `/actuator/memoryaudit`.\n\n");
		findings(report, out, "###");
		return out.toString();
	}

	private static void findings(AuditReport report, StringBuilder out, String heading) {
		if (report.findings().isEmpty()) {
			return;
		}
		out.append(heading).append(" Findings\n\n");
		MarkdownTable table = new MarkdownTable("Severity", "Structure", "Kind", "What", "Fix");
		for (Finding finding : report.findings()) {
			table.row(finding.severity(), finding.structure(), finding.kind(), finding.message(), finding.fix());
		}
		table.appendTo(out);
		out.append('\n');
	}

	private static void probes(AuditReport report, StringBuilder out) {
		if (report.probes().isEmpty()) {
			return;
		}
		out.append("\n## Meters, class loaders, sessions, thread-locals\n\n");
		MarkdownTable table = new MarkdownTable("Probe", "Verdict", "What was read", "Trends");
		for (ProbeRow row : report.probes()) {
			StringBuilder trends = new StringBuilder();
			for (SeriesAssessment trend : row.trends()) {
				if (!trends.isEmpty()) {
					trends.append("; ");
				}
				trends.append(trend.series()).append(' ').append(trend.sparkline()).append(' ').append(trend.verdict());
			}
			table.row(row.probe(), (row.unavailable() != null) ? "UNAVAILABLE" : row.verdict(), row.summary(),
					trends.isEmpty() ? "-" : trends.toString());
		}
		table.appendTo(out);
		for (ProbeRow row : report.probes()) {
			row.notes().forEach((note) -> out.append("\n- ").append(row.probe()).append(": ").append(note));
		}
		out.append('\n');
	}

	private static void notes(AuditReport report, StringBuilder out) {
		if (report.notes().isEmpty()) {
			return;
		}
		out.append("\n## Notes\n\n");
		report.notes().forEach((note) -> out.append("- ").append(note).append('\n'));
	}

	private static String bound(AuditedStructure s) {
		String bound = switch (s.bound()) {
			case BOUNDED -> (s.capacity() != null) ? s.capacity() + " " + s.unit() : "no queue";
			case UNBOUNDED -> "unbounded";
			case UNKNOWN -> "unknown";
			case OPAQUE -> "opaque";
		};
		if (s.kind() == dev.memoryaudit.audit.StructureKind.EXECUTOR && s.threads() != null) {
			Object max = s.details().containsKey("maxPoolSize") ? s.details().get("maxPoolSize")
					: s.details().get("concurrencyLimit");
			bound += "; threads " + ((s.threads() == dev.memoryaudit.audit.Bound.UNBOUNDED) ? "unbounded"
					: (max != null) ? "≤ " + max : s.threads().name().toLowerCase(Locale.ROOT));
		}
		return bound;
	}

	private static String trend(SeriesAssessment trend) {
		if (trend == null || !trend.verdict().isGrowth()) {
			return "";
		}
		return " (" + trend.verdict() + ", " + Math.round(trend.first()) + " → " + Math.round(trend.last()) + " over "
				+ duration(trend) + ")";
	}

	private static String duration(SeriesAssessment trend) {
		if (trend.windowStart() == null || trend.windowEnd() == null) {
			return "?";
		}
		Duration span = Duration.ofSeconds(Math.round(Duration.between(trend.windowStart(), trend.windowEnd()).toMillis() / 1000.0));
		return span.toString().substring(2).toLowerCase(Locale.ROOT);
	}

	private static String sparkline(ThreadGroupRow group) {
		return (group.trend() != null) ? group.trend().sparkline() : "";
	}

	private static String simpleName(String className) {
		int dot = className.lastIndexOf('.');
		return (dot >= 0) ? className.substring(dot + 1) : className;
	}

}
