package dev.memoryaudit.actuate;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.memoryaudit.retention.RetentionDump;
import dev.memoryaudit.retention.RetentionMarkdown;
import dev.memoryaudit.retention.RetentionMonitor;
import dev.memoryaudit.retention.RetentionReport;

import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpoint;

/**
 * {@code /actuator/memoryretention}: GET returns the latest retention paths (JSON, or markdown when asked for), POST
 * dumps the JFR recording with paths to GC roots now. The POST pauses the JVM while paths are searched, so it is only
 * mapped when the endpoint's access is {@code unrestricted} (the default is read-only), and it is refused with 429
 * inside {@code memory.audit.retention.min-interval}, and with 409 while the recording does not run (by default it runs
 * only while a leak is suspected).
 */
@WebEndpoint(id = "memoryretention", defaultAccess = Access.READ_ONLY)
public class MemoryRetentionEndpoint {

	private final RetentionMonitor monitor;

	public MemoryRetentionEndpoint(RetentionMonitor monitor) {
		this.monitor = monitor;
	}

	@ReadOperation(producesFrom = ReportFormat.class)
	public WebEndpointResponse<Object> report(ReportFormat format) {
		RetentionReport report = this.monitor.report();
		return Responses.ok(report, () -> RetentionMarkdown.report(report), format);
	}

	@WriteOperation
	public WebEndpointResponse<Object> dump() {
		RetentionDump dump = this.monitor.dumpNow();
		if (dump.unavailable()) {
			return Responses.error(WebEndpointResponse.STATUS_SERVICE_UNAVAILABLE, dump.message(),
					"a JVM with JFR available");
		}
		if (dump.notRecording()) {
			return Responses.error(409, dump.message(),
					"a dump while the recording runs (with memory.audit.retention.recording=on-leak, from LEAK_SUSPECTED "
							+ "until a dump names the culprits), or memory.audit.retention.recording=always");
		}
		if (dump.refused()) {
			Map<String, Object> body = new LinkedHashMap<>();
			body.put("status", WebEndpointResponse.STATUS_TOO_MANY_REQUESTS);
			body.put("error", "too soon: " + dump.message());
			body.put("retryAfterSeconds", Math.max(1, (dump.retryAfter().toMillis() + 999) / 1000));
			body.put("allowed", "one dump per memory.audit.retention.min-interval ("
					+ this.monitor.settings().minInterval() + ")");
			return new WebEndpointResponse<>(body, WebEndpointResponse.STATUS_TOO_MANY_REQUESTS);
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("message", dump.message());
		body.put("report", dump.report());
		return new WebEndpointResponse<>(body);
	}

}
