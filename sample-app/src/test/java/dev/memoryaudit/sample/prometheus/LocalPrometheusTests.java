package dev.memoryaudit.sample.prometheus;

import java.nio.file.Path;

/**
 * Runs the real-Prometheus test against the {@code prometheus} binary of Debian's {@code prometheus} package
 * ({@code .ci/install-prometheus.sh}), started as a child process on a free loopback port. Skipped when the binary is
 * missing, except in CI ({@code CI=true}), where a missing binary fails the test.
 */
class LocalPrometheusTests extends AbstractRealPrometheusTests {

	@Override
	protected String appHost(int... ports) {
		return "127.0.0.1";
	}

	@Override
	protected PrometheusServer start(String config, String rules, Path work) throws Exception {
		return LocalPrometheus.start(config, rules, work);
	}

}
