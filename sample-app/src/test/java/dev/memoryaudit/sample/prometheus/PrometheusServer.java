package dev.memoryaudit.sample.prometheus;

import java.net.URI;

/**
 * A running Prometheus server started by a test; {@link #close()} stops it, whatever state the test left.
 */
interface PrometheusServer extends AutoCloseable {

	/**
	 * Base URI of the HTTP API, e.g. {@code http://127.0.0.1:40123}.
	 */
	URI uri();

	/**
	 * What the server printed so far, for failure messages.
	 */
	String log();

	@Override
	void close();

}
