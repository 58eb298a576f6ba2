package dev.memoryaudit.sample.shapes;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A static map of request details keyed by request id that is written on every request and never evicted.
 */
public final class RequestAudit {

	static final Map<String, RequestDetails> BY_REQUEST_ID = new ConcurrentHashMap<>();

	private RequestAudit() {
	}

	/**
	 * What was kept about one request.
	 *
	 * @param requestId the request id
	 * @param payload the copied payload
	 */
	record RequestDetails(String requestId, byte[] payload) {
	}

}
