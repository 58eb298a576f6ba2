package dev.memoryaudit.actuate;

import dev.memoryaudit.engine.MemoryAuditEngine;
import dev.memoryaudit.report.TrendMarkdown;
import dev.memoryaudit.trend.TrendReport;

import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpoint;

/**
 * {@code /actuator/memorytrend}: the overall leak verdict with each series' evidence and the leak suspects, as JSON
 * or, with {@code Accept: text/markdown}, as a report for people.
 */
@WebEndpoint(id = "memorytrend")
public class MemoryTrendEndpoint {

	private final MemoryAuditEngine engine;

	public MemoryTrendEndpoint(MemoryAuditEngine engine) {
		this.engine = engine;
	}

	@ReadOperation(producesFrom = ReportFormat.class)
	public WebEndpointResponse<Object> trend(ReportFormat format) {
		TrendReport report = this.engine.trend();
		return Responses.ok(report, () -> TrendMarkdown.render(report), format);
	}

}
