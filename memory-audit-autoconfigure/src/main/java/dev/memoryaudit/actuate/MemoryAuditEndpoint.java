package dev.memoryaudit.actuate;

import dev.memoryaudit.audit.AuditReport;
import dev.memoryaudit.audit.MemoryAuditor;
import dev.memoryaudit.audit.AuditMarkdown;

import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpoint;

/**
 * {@code /actuator/memoryaudit}: every cache, executor, registered collection and thread group with its bound, size,
 * fill, trend and findings, as JSON or, with {@code Accept: text/markdown}, as tables for people.
 */
@WebEndpoint(id = "memoryaudit")
public class MemoryAuditEndpoint {

	private final MemoryAuditor auditor;

	public MemoryAuditEndpoint(MemoryAuditor auditor) {
		this.auditor = auditor;
	}

	@ReadOperation(producesFrom = ReportFormat.class)
	public WebEndpointResponse<Object> audit(ReportFormat format) {
		AuditReport report = this.auditor.audit();
		return Responses.ok(report, () -> AuditMarkdown.render(report), format);
	}

}
