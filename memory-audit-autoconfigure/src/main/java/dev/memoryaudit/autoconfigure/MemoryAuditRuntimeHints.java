package dev.memoryaudit.autoconfigure;

import dev.memoryaudit.audit.AuditReport;
import dev.memoryaudit.engine.HistogramRecord;
import dev.memoryaudit.engine.OnDemandCapture;
import dev.memoryaudit.report.HeapDiffReport;
import dev.memoryaudit.report.SnapshotSummary;
import dev.memoryaudit.retention.Culprit;
import dev.memoryaudit.retention.RetentionReport;
import dev.memoryaudit.snapshot.Snapshot;
import dev.memoryaudit.trend.TrendReport;
import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * Reflection hints for the types the endpoints serialize to JSON. The endpoints return {@code WebEndpointResponse<Object>}
 * (JSON or markdown from one operation), so Boot's operation processor cannot see the report types: they are
 * registered here, with everything reachable from their properties, for an AOT-processed application and a native
 * image.
 */
final class MemoryAuditRuntimeHints implements RuntimeHintsRegistrar {

	/** What the endpoints write as JSON bodies. */
	static final Class<?>[] REPORT_TYPES = { TrendReport.class, HeapDiffReport.class, SnapshotSummary.class,
			Snapshot.class, HistogramRecord.class, OnDemandCapture.class, AuditReport.class, RetentionReport.class,
			// in the retention section's body (a map), so not reachable from TrendReport's properties
			Culprit.class };

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		new BindingReflectionHintsRegistrar().registerReflectionHints(hints.reflection(), REPORT_TYPES);
	}

}
