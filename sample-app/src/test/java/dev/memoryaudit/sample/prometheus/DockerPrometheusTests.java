package dev.memoryaudit.sample.prometheus;

import java.net.URI;
import java.nio.file.Path;

import org.testcontainers.Testcontainers;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;

/**
 * Runs the real-Prometheus test against the official {@code prom/prometheus} image where Docker is available; the
 * container reaches the apps on the host through {@code host.testcontainers.internal}.
 */
@org.testcontainers.junit.jupiter.Testcontainers(disabledWithoutDocker = true)
class DockerPrometheusTests extends AbstractRealPrometheusTests {

	static final String IMAGE = "prom/prometheus:v3.5.0";

	@Override
	protected String appHost(int... ports) {
		Testcontainers.exposeHostPorts(ports);
		return "host.testcontainers.internal";
	}

	@Override
	@SuppressWarnings("resource")
	protected PrometheusServer start(String config, String rules, Path work) {
		GenericContainer<?> container = new GenericContainer<>(IMAGE).withExposedPorts(9090)
			.withCopyToContainer(Transferable.of(config), "/etc/prometheus/prometheus.yml")
			.withCopyToContainer(Transferable.of(rules), "/etc/prometheus/rules.yml")
			.withCommand("--config.file=/etc/prometheus/prometheus.yml", "--storage.tsdb.path=/prometheus")
			.waitingFor(Wait.forHttp("/-/ready").forPort(9090));
		try {
			container.start();
		}
		catch (RuntimeException ex) {
			container.stop();
			throw ex;
		}
		URI uri = URI.create("http://" + container.getHost() + ":" + container.getMappedPort(9090));
		return new PrometheusServer() {

			@Override
			public URI uri() {
				return uri;
			}

			@Override
			public String log() {
				return container.getLogs();
			}

			@Override
			public void close() {
				container.stop();
			}

		};
	}

}
