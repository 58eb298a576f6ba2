package dev.memoryaudit.sample.container;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.memoryaudit.sample.SampleApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample app with a 96 MiB heap, its snapshots persisted, and the {@code LeakyOrder} leak at 4 MiB/s: the heap
 * fills and the JVM throws {@code OutOfMemoryError}s, which end the application's own threads. The starter's threads
 * survive them (a tick that cannot allocate fails and the next one tries again; on a heap the leak holds full, none
 * succeeds, so the history ends with the heap full), and the history holds the minutes before it. The process is then
 * killed, as a supervisor kills a JVM that no longer answers (it ignores SIGTERM by then); restarted on the same
 * history directory, the app reports that the previous instance ended with a full heap, in {@code memorytrend} and as a
 * meter.
 */
class HeapExhaustionEndToEndTests {

	private static final Pattern PORT = Pattern.compile("Tomcat started on port (\\d+)");

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final JsonMapper json = JsonMapper.builder().build();

	@TempDir
	Path temp;

	@Test
	void snapshotsOutliveTheOutOfMemoryErrorAndTheNextInstanceReportsIt() throws Exception {
		Path history = this.temp.resolve("history");
		Process app = start(history, "oom-1");
		try {
			int port = port(app, "oom-1");
			Thread.sleep(3000);
			post(port, "/leak/start?bytesPerSecond=" + 4 * 1024 * 1024);
			Path log = this.temp.resolve("oom-1.log");
			long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
			while (!Files.readString(log).contains("OutOfMemoryError") && System.nanoTime() < deadline) {
				Thread.sleep(500);
			}
			assertThat(Files.readString(log)).as("the heap filled within 2 minutes").contains("OutOfMemoryError");
			Thread.sleep(8000);
			// the application's own threads die of it: the JVM prints 'Exception in thread "sample-shapes"
			// java.lang.OutOfMemoryError', or 'OutOfMemoryError thrown from the UncaughtExceptionHandler in thread ...'
			// when even the handler cannot allocate; ours catch it and live on (before, memory-audit-snapshot died
			// here: its executor's worker could not allocate the node of its queue's wait)
			assertThat(Files.readString(log)).containsPattern("(Exception|UncaughtExceptionHandler) in thread \"")
				.doesNotContain("UncaughtExceptionHandler in thread \"memory-audit-")
				.doesNotContain("Exception in thread \"memory-audit-");
			assertThat(lines(history)).as("the history holds the minutes before it").isGreaterThan(20);
		}
		finally {
			app.destroyForcibly(); // what a supervisor does with a JVM that stopped answering
			app.waitFor(30, TimeUnit.SECONDS);
		}
		Process restarted = start(history, "oom-2");
		try {
			int port = port(restarted, "oom-2");
			JsonNode previous = null;
			for (JsonNode section : get(port, "/actuator/memorytrend").path("sections")) {
				if ("history".equals(section.path("name").asString())) {
					previous = section.path("body").path("previousInstance");
				}
			}
			assertThat(previous).isNotNull();
			assertThat(previous.path("cause").asString()).as(previous.toString()).isEqualTo("heap-exhausted");
			assertThat(previous.path("summary").asString()).contains("OutOfMemoryError");
			assertThat(text(port, "/actuator/prometheus"))
				.contains("memory_audit_previous_instance{cause=\"heap-exhausted\"} 1.0");
		}
		finally {
			restarted.destroyForcibly();
		}
	}

	private Process start(Path history, String name) throws IOException {
		List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx96m",
				"-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
				SampleApplication.class.getName(), "--server.port=0", "--server.address=127.0.0.1",
				"--memory.audit.snapshot.interval=1s", "--memory.audit.snapshot.initial-delay=0s",
				"--memory.audit.histogram.interval=0", "--memory.audit.confirmation.mode=none",
				"--memory.audit.store.directory=" + history, "--memory.audit.store.sync-interval=0s",
				"--sample.garbage.bytes-per-second=1048576",
				"--management.endpoints.web.exposure.include=health,memorytrend,prometheus");
		return new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(this.temp.resolve(name + ".log").toFile())
			.start();
	}

	private static long lines(Path history) throws IOException {
		if (!Files.isDirectory(history)) {
			return 0;
		}
		long lines = 0;
		try (Stream<Path> files = Files.list(history)) {
			for (Path file : files.toList()) {
				lines += Files.readString(file).chars().filter((c) -> c == '\n').count();
			}
		}
		return lines;
	}

	private int port(Process process, String name) throws Exception {
		Path log = this.temp.resolve(name + ".log");
		long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
		while (System.nanoTime() < deadline) {
			Matcher matcher = PORT.matcher(Files.exists(log) ? Files.readString(log) : "");
			if (matcher.find()) {
				return Integer.parseInt(matcher.group(1));
			}
			assertThat(process.isAlive()).as("the app is running; its log:\n" + Files.readString(log)).isTrue();
			Thread.sleep(200);
		}
		throw new AssertionError("the app did not start within 2 minutes; its log:\n" + Files.readString(log));
	}

	private JsonNode get(int port, String path) throws IOException, InterruptedException {
		return this.json.readTree(text(port, path));
	}

	private String text(int port, String path) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.timeout(Duration.ofSeconds(10))
			.build(), HttpResponse.BodyHandlers.ofString()).body();
	}

	private void post(int port, String path) throws IOException, InterruptedException {
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.POST(HttpRequest.BodyPublishers.noBody())
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
	}

}
