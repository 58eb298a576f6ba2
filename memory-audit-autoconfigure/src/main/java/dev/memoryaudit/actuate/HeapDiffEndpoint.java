package dev.memoryaudit.actuate;

import dev.memoryaudit.engine.HistoryLookupException;
import dev.memoryaudit.engine.MemoryAuditEngine;
import dev.memoryaudit.report.HeapDiffMarkdown;
import dev.memoryaudit.report.HeapDiffReport;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpoint;

/**
 * {@code /actuator/heapdiff}: per-class growth between two class histograms, by default the oldest and the newest in
 * history, or those of the snapshots named by {@code from} and {@code to}; {@code limit} caps the classes listed.
 */
@WebEndpoint(id = "heapdiff")
public class HeapDiffEndpoint {

	static final int DEFAULT_LIMIT = 50;

	static final int MAX_LIMIT = 10_000;

	private final MemoryAuditEngine engine;

	public HeapDiffEndpoint(MemoryAuditEngine engine) {
		this.engine = engine;
	}

	@ReadOperation(producesFrom = ReportFormat.class)
	public WebEndpointResponse<Object> diff(@Nullable String from, @Nullable String to, @Nullable String limit,
			ReportFormat format) {
		try {
			Long fromId = Parameters.optionalLong("from", from, 1, Long.MAX_VALUE);
			Long toId = Parameters.optionalLong("to", to, 1, Long.MAX_VALUE);
			Long maxClasses = Parameters.optionalLong("limit", limit, 1, MAX_LIMIT);
			HeapDiffReport report = HeapDiffReport.of(this.engine, fromId, toId,
					(maxClasses != null) ? maxClasses.intValue() : DEFAULT_LIMIT);
			return Responses.ok(report, () -> HeapDiffMarkdown.render(report), format);
		}
		catch (Parameters.BadParameterException ex) {
			return Responses.error(WebEndpointResponse.STATUS_BAD_REQUEST, ex.getMessage(), ex.allowed());
		}
		catch (HistoryLookupException ex) {
			String allowed = (this.engine.histograms().size() < 2)
					? ex.allowed() + "; POST /actuator/memorysnapshots (when its access is unrestricted) takes one now"
					: ex.allowed();
			return Responses.error(WebEndpointResponse.STATUS_NOT_FOUND, ex.getMessage(), allowed);
		}
	}

}
