package dev.memoryaudit.actuate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.memoryaudit.engine.HistogramRecord;
import dev.memoryaudit.engine.HistoryLookupException;
import dev.memoryaudit.engine.MemoryAuditEngine;
import dev.memoryaudit.engine.OnDemandCapture;
import dev.memoryaudit.report.SnapshotSummary;

import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpoint;

/**
 * {@code /actuator/memorysnapshots}: GET lists snapshots in history, GET {@code /{id}} returns one with its histogram,
 * POST takes a snapshot with a class histogram now. The POST pauses the JVM, so it is only mapped when the endpoint's
 * access is {@code unrestricted} (the default is read-only), and it is refused with 429 inside the histogram minimum
 * interval.
 */
@WebEndpoint(id = "memorysnapshots", defaultAccess = Access.READ_ONLY)
public class MemorySnapshotsEndpoint {

	private final MemoryAuditEngine engine;

	public MemorySnapshotsEndpoint(MemoryAuditEngine engine) {
		this.engine = engine;
	}

	@ReadOperation
	public Map<String, Object> snapshots() {
		List<SnapshotSummary> summaries = SnapshotSummary.of(this.engine.snapshots(), this.engine.histograms());
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("count", summaries.size());
		body.put("capacity", this.engine.settings().snapshotHistorySize());
		body.put("histogramCount", this.engine.histograms().size());
		body.put("histogramCapacity", this.engine.settings().histogramHistorySize());
		body.put("snapshots", summaries);
		return body;
	}

	@ReadOperation
	public WebEndpointResponse<Object> snapshot(@Selector String id) {
		try {
			Long parsed = Parameters.optionalLong("id", id, 1, Long.MAX_VALUE);
			if (parsed == null) {
				return Responses.error(WebEndpointResponse.STATUS_BAD_REQUEST, "'id' is empty", "a snapshot id");
			}
			Map<String, Object> body = new LinkedHashMap<>();
			body.put("snapshot", this.engine.requireSnapshot(parsed));
			HistogramRecord histogram = this.engine.histogram(parsed);
			body.put("histogram", histogram);
			return new WebEndpointResponse<>(body);
		}
		catch (Parameters.BadParameterException ex) {
			return Responses.error(WebEndpointResponse.STATUS_BAD_REQUEST, ex.getMessage(), ex.allowed());
		}
		catch (HistoryLookupException ex) {
			return Responses.error(WebEndpointResponse.STATUS_NOT_FOUND, ex.getMessage(), ex.allowed());
		}
	}

	@WriteOperation
	public WebEndpointResponse<Object> capture() {
		OnDemandCapture capture = this.engine.captureOnDemand();
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("message", capture.message());
		if (capture.refused()) {
			body.put("status", WebEndpointResponse.STATUS_TOO_MANY_REQUESTS);
			body.put("error", "too soon: " + capture.message());
			body.put("retryAfterSeconds", Math.max(1, (capture.retryAfter().toMillis() + 999) / 1000));
			body.put("allowed", "one histogram per memory.audit.histogram.min-interval ("
					+ this.engine.settings().histogramMinInterval() + ")");
			return new WebEndpointResponse<>(body, WebEndpointResponse.STATUS_TOO_MANY_REQUESTS);
		}
		body.put("snapshot", SnapshotSummary.of(capture.snapshot(), capture.histogram()));
		if (capture.histogram() != null) {
			body.put("histogramPauseMillis", capture.histogram().histogram().captureDuration().toMillis());
			body.put("histogramClasses", capture.histogram().histogram().classCount());
			body.put("histogramTotalBytes", capture.histogram().histogram().totalBytes());
		}
		return new WebEndpointResponse<>(body);
	}

}
