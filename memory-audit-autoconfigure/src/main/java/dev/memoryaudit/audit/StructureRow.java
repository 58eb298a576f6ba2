package dev.memoryaudit.audit;

import java.util.List;

import dev.memoryaudit.trend.SeriesAssessment;
import org.jspecify.annotations.Nullable;

/**
 * One audited structure with its trend and verdict.
 *
 * @param structure what was read
 * @param fill size as a fraction of the bound, {@code null} when unbounded or unknown
 * @param verdict the most severe finding's severity, or {@code OK}
 * @param findings the findings on this structure
 * @param trend the size trend, {@code null} when the structure is not tracked
 * @param meteredBy an existing meter that already reports this structure's size, {@code null} when none
 */
public record StructureRow(AuditedStructure structure, @Nullable Double fill, String verdict, List<Finding> findings,
		@Nullable SeriesAssessment trend, @Nullable String meteredBy) {

	public StructureRow {
		findings = List.copyOf(findings);
	}

}
