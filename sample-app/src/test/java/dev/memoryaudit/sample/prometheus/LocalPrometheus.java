package dev.memoryaudit.sample.prometheus;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Starts the {@code prometheus} binary of Debian's {@code prometheus} package ({@code .ci/install-prometheus.sh}) as a
 * child process on a free loopback port, for the real-Prometheus tests. A missing binary skips the calling test,
 * except in CI ({@code CI=true}), where it fails it.
 */
final class LocalPrometheus {

	private LocalPrometheus() {
	}

	/**
	 * Starts Prometheus and waits until it is ready.
	 * @param config prometheus.yml content; its {@code rule_files} entry is {@code rules.yml}
	 * @param rules the rules file content
	 * @param work an empty directory for files and storage
	 * @return the running server
	 */
	static PrometheusServer start(String config, String rules, Path work) throws Exception {
		Path binary = binary();
		AbstractRealPrometheusTests.write(work, "rules.yml", rules);
		Path configFile = AbstractRealPrometheusTests.write(work, "prometheus.yml", config);
		Path storage = Files.createDirectories(work.resolve("data"));
		Path log = work.resolve("prometheus.log");
		int port = freePort();
		Process process = new ProcessBuilder(binary.toString(), "--config.file=" + configFile,
				"--storage.tsdb.path=" + storage, "--web.listen-address=127.0.0.1:" + port,
				"--storage.tsdb.retention.time=1h")
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		LocalServer server = new LocalServer(process, URI.create("http://127.0.0.1:" + port), log);
		try {
			awaitReady(server, Duration.ofSeconds(20));
		}
		catch (Throwable ex) {
			server.close();
			throw ex;
		}
		return server;
	}

	private static Path binary() {
		for (String dir : List.of("/usr/bin", "/usr/local/bin", "/bin")) {
			Path candidate = Path.of(dir, "prometheus");
			if (Files.isExecutable(candidate)) {
				return candidate;
			}
		}
		String pathVariable = System.getenv().getOrDefault("PATH", "");
		for (String dir : pathVariable.split(java.io.File.pathSeparator)) {
			Path candidate = Path.of(dir, "prometheus");
			if (!dir.isEmpty() && Files.isExecutable(candidate)) {
				return candidate;
			}
		}
		boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
		assertThat(ci).as("prometheus binary missing in CI: run .ci/install-prometheus.sh").isFalse();
		assumeTrue(false, "prometheus binary not installed (.ci/install-prometheus.sh)");
		throw new IllegalStateException("unreachable");
	}

	/**
	 * A free TCP port on the loopback interface (free when asked; the caller binds it soon after).
	 */
	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	private static void awaitReady(LocalServer server, Duration timeout) throws Exception {
		HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			assertThat(server.process.isAlive()).as("prometheus exited:\n" + server.log()).isTrue();
			try {
				HttpResponse<String> response = client.send(
						HttpRequest.newBuilder(server.uri().resolve("/-/ready")).GET().build(),
						HttpResponse.BodyHandlers.ofString());
				if (response.statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			Thread.sleep(200);
		}
		throw new AssertionError("prometheus not ready within " + timeout + ":\n" + server.log());
	}

	/**
	 * The child process; {@link #close()} terminates it and any descendants, forcibly after 10 seconds.
	 */
	private record LocalServer(Process process, URI uri, Path logFile) implements PrometheusServer {

		@Override
		public String log() {
			try {
				return Files.exists(this.logFile) ? Files.readString(this.logFile) : "";
			}
			catch (IOException ex) {
				return "(log unreadable: " + ex + ")";
			}
		}

		@Override
		public void close() {
			List<ProcessHandle> descendants = this.process.descendants().toList();
			this.process.destroy();
			descendants.forEach(ProcessHandle::destroy);
			try {
				if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
					this.process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
				}
			}
			catch (InterruptedException ex) {
				this.process.destroyForcibly();
				Thread.currentThread().interrupt();
			}
			descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
		}

	}

}
