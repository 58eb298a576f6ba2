package dev.memoryaudit.audit;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.memoryaudit.trend.Verdict;

/**
 * The result of one audit: every structure and thread group with its verdict, and the findings.
 *
 * @param time when the audit ran
 * @param verdict GROWING or LEAK_SUSPECTED when a growth finding exists, STABLE otherwise
 * @param summary one sentence
 * @param findingCounts findings per severity, every severity present
 * @param findings all findings, most severe kinds first
 * @param structures caches, executors and registered collections
 * @param threadGroups live thread groups, largest first
 * @param trackedLimit structures and thread groups that may get a series and tagged meters
 * @param untracked structures and thread groups present but over the tracked limit
 * @param notes what could not be audited and why
 * @param probes the leak probes (meter registry, class loading, HTTP sessions, thread-locals), each with its figures,
 * trends and findings, or why it is unavailable
 */
public record AuditReport(Instant time, Verdict verdict, String summary, Map<Severity, Integer> findingCounts,
		List<Finding> findings, List<StructureRow> structures, List<ThreadGroupRow> threadGroups, int trackedLimit,
		int untracked, List<String> notes, List<ProbeRow> probes) {

	public AuditReport {
		findingCounts = java.util.Collections.unmodifiableMap(new java.util.EnumMap<>(findingCounts));
		findings = List.copyOf(findings);
		structures = List.copyOf(structures);
		threadGroups = List.copyOf(threadGroups);
		notes = List.copyOf(notes);
		probes = List.copyOf(probes);
	}

	/**
	 * A report without leak probes.
	 * @param time when the audit ran
	 * @param verdict the growth verdict
	 * @param summary one sentence
	 * @param findingCounts findings per severity
	 * @param findings all findings
	 * @param structures the structures
	 * @param threadGroups the thread groups
	 * @param trackedLimit the tracked limit
	 * @param untracked how many were not tracked
	 * @param notes what could not be audited
	 */
	public AuditReport(Instant time, Verdict verdict, String summary, Map<Severity, Integer> findingCounts,
			List<Finding> findings, List<StructureRow> structures, List<ThreadGroupRow> threadGroups,
			int trackedLimit, int untracked, List<String> notes) {
		this(time, verdict, summary, findingCounts, findings, structures, threadGroups, trackedLimit, untracked,
				notes, List.of());
	}

}
