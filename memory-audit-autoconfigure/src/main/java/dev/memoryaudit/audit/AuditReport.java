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
 */
public record AuditReport(Instant time, Verdict verdict, String summary, Map<Severity, Integer> findingCounts,
		List<Finding> findings, List<StructureRow> structures, List<ThreadGroupRow> threadGroups, int trackedLimit,
		int untracked, List<String> notes) {

	public AuditReport {
		findingCounts = java.util.Collections.unmodifiableMap(new java.util.EnumMap<>(findingCounts));
		findings = List.copyOf(findings);
		structures = List.copyOf(structures);
		threadGroups = List.copyOf(threadGroups);
		notes = List.copyOf(notes);
	}

}
