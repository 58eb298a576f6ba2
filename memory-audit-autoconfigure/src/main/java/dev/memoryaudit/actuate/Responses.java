package dev.memoryaudit.actuate;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.util.MimeTypeUtils;

/**
 * Builds endpoint responses with a body that matches the content type, and error bodies that say what was wrong and
 * what is allowed.
 */
final class Responses {

	private Responses() {
	}

	static WebEndpointResponse<Object> ok(Object json, Supplier<String> markdown, ReportFormat format) {
		return (format == ReportFormat.MARKDOWN) ? new WebEndpointResponse<>(markdown.get(), format)
				: new WebEndpointResponse<>(json, format);
	}

	static WebEndpointResponse<Object> error(int status, String message, String allowed) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("status", status);
		body.put("error", message);
		body.put("allowed", allowed);
		return new WebEndpointResponse<>(body, status, MimeTypeUtils.APPLICATION_JSON);
	}

}
