package dev.memoryaudit.sample.prometheus;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The sample app in a JVM of its own (this test JVM's class path), on a free loopback port: one instance of a fleet,
 * with its own heap, so that a leak in one instance is not seen by the live-set gauges of another, and its own
 * {@code process_start_time_seconds}. {@link #close()} stops it, forcibly after 10 seconds; it also exits by itself
 * when this JVM is gone ({@link OrphanSafeSampleApplication}).
 */
final class SampleAppProcess implements AutoCloseable {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final String name;

	private final Process process;

	private final int port;

	private final Path log;

	private SampleAppProcess(String name, Process process, int port, Path log) {
		this.name = name;
		this.process = process;
		this.port = port;
		this.log = log;
	}

	/**
	 * Launches the app; returns at once (see {@link #awaitUp(Duration)}).
	 * @param name a name for the log file and messages
	 * @param work a directory for the log file
	 * @param jvmOptions options of the child JVM (heap size, ...)
	 * @param properties application properties, passed as {@code --key=value}
	 * @return the launched process
	 */
	static SampleAppProcess launch(String name, Path work, List<String> jvmOptions, Map<String, String> properties)
			throws IOException {
		int port = LocalPrometheus.freePort();
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(jvmOptions);
		command.addAll(List.of("-cp", System.getProperty("java.class.path"),
				OrphanSafeSampleApplication.class.getName(), "--server.port=" + port, "--server.address=127.0.0.1"));
		properties.forEach((key, value) -> command.add("--" + key + "=" + value));
		Path log = work.resolve(name + ".log");
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		return new SampleAppProcess(name, process, port, log);
	}

	/**
	 * Waits until {@code /actuator/prometheus} answers.
	 * @param timeout how long to wait
	 * @throws AssertionError when the process exits or does not answer in time, with its log tail
	 */
	void awaitUp(Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new AssertionError(this.name + " exited with " + this.process.exitValue() + ":\n" + tail());
			}
			try {
				if (get("/actuator/prometheus").statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			Thread.sleep(500);
		}
		throw new AssertionError(this.name + " not up within " + timeout + ":\n" + tail());
	}

	HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return HTTP.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).GET().build(),
				HttpResponse.BodyHandlers.ofString());
	}

	HttpResponse<String> post(String path) throws IOException, InterruptedException {
		return HTTP.send(HttpRequest.newBuilder(uri(path))
			.timeout(Duration.ofSeconds(10))
			.POST(HttpRequest.BodyPublishers.noBody())
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

	/**
	 * The scrape target, {@code 127.0.0.1:<port>}.
	 */
	String target() {
		return "127.0.0.1:" + this.port;
	}

	String name() {
		return this.name;
	}

	/**
	 * When the operating system started the process.
	 */
	Instant started() {
		return this.process.info().startInstant().orElseThrow();
	}

	boolean isAlive() {
		return this.process.isAlive();
	}

	/**
	 * The last 40 lines of the app's output.
	 */
	String tail() {
		try {
			List<String> lines = Files.exists(this.log) ? Files.readAllLines(this.log) : List.of();
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
		}
		catch (IOException ex) {
			return "(log unreadable: " + ex + ")";
		}
	}

	@Override
	public void close() {
		this.process.destroy();
		try {
			if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			this.process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
	}

}
