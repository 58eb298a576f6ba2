package dev.memoryaudit.sample.container;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.memoryaudit.sample.SampleApplication;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample app in a real child memory cgroup with a 600 MiB limit and {@code -Xmx256m}, its snapshots persisted.
 * With a direct-buffer leak, {@code memorytrend} shows the container working set growing with a time to the limit and
 * names direct buffers as what grows, and the {@code memory} health component turns to WARNING, before the kernel's
 * OOM killer kills the JVM; restarted in the same cgroup on the same history directory, the app reports that the
 * previous instance was killed at its container limit and what grew, in {@code memorytrend} and as a meter; stopped
 * cleanly and restarted again, it reports a clean stop. Without the leak: no warning and no time to the limit.
 * Time is compressed about 60 times, as in {@code LeakDetectionEndToEndTests}: 1 s ticks, the minimum growth rate per
 * hour scaled by 60, a 40 s warm-up (the JVM's own start-up growth runs in real time), a leak of 4 MiB/s. Where the test cannot create a child memory
 * cgroup (not root, cgroup v2 without delegation), it is skipped with the reason.
 */
@EnabledOnOs(OS.LINUX)
class ContainerLimitEndToEndTests {

	private static final long LIMIT = 600L * 1024 * 1024;

	private static final Pattern PORT = Pattern.compile("Tomcat started on port (\\d+)");

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final JsonMapper json = JsonMapper.builder().build();

	private final List<Process> processes = new ArrayList<>();

	@TempDir
	Path temp;

	@AfterEach
	void stop() {
		this.processes.forEach(Process::destroyForcibly);
	}

	@Test
	void aDirectBufferLeakShowsTheTimeToTheLimitThenTheKillIsReportedAfterRestart() throws Exception {
		try (ChildCgroup cgroup = cgroup("memory-audit-e2e-leak")) {
			Path history = this.temp.resolve("history");
			long killsBefore = cgroup.oomKills();
			Process app = start(cgroup, history, "leak-1");
			int port = port(app, "leak-1");
			awaitTicks(port, 12);
			post(port, "/leak/direct/start?bytesPerSecond=" + 4 * 1024 * 1024);
			boolean sawEta = false;
			boolean sawDirectBuffers = false;
			boolean sawWarning = false;
			JsonNode lastContainer = null;
			long leakStart = System.nanoTime();
			long firstEta = -1;
			long firstWarning = -1;
			String firstEtaSummary = null;
			long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
			while (app.isAlive() && System.nanoTime() < deadline) {
				try {
					JsonNode container = section(get(port, "/actuator/memorytrend"), "container");
					if (container != null) {
						lastContainer = container;
						JsonNode body = container.path("body");
						sawEta |= body.path("exhaustionSeconds").isNumber()
								&& "GROWING".equals(container.path("verdict").asString());
						if (sawEta && firstEta < 0) {
							firstEta = System.nanoTime();
							firstEtaSummary = body.path("summary").asString();
						}
						for (JsonNode name : body.path("growing")) {
							sawDirectBuffers |= sawEta && "direct-buffers".equals(name.asString());
						}
					}
					JsonNode health = get(port, "/actuator/health/memory");
					if ("WARNING".equals(health.path("status").asString())) {
						sawWarning |= health.path("details").path("warnings").toString()
							.contains("reaches its limit in about");
						firstWarning = (sawWarning && firstWarning < 0) ? System.nanoTime() : firstWarning;
					}
				}
				catch (IOException dying) {
					// the kernel is killing it
				}
				Thread.sleep(1000);
			}
			assertThat(app.waitFor(30, TimeUnit.SECONDS)).as("the app was killed within 3 minutes").isTrue();
			long killed = System.nanoTime();
			System.out.printf("leak started; first ETA after %.0f s (%s); first health WARNING after %.0f s; killed "
					+ "after %.0f s%n", (firstEta - leakStart) / 1e9, firstEtaSummary, (firstWarning - leakStart) / 1e9,
					(killed - leakStart) / 1e9);
			assertThat(app.exitValue()).as("killed by SIGKILL (the OOM killer)").isEqualTo(137);
			assertThat(cgroup.oomKills()).as("the cgroup's OOM-kill count").isGreaterThan(killsBefore);
			assertThat(sawEta).as("a time to the limit while growing; last section: " + lastContainer).isTrue();
			assertThat(sawDirectBuffers).as("direct buffers named as what grows; last section: " + lastContainer)
				.isTrue();
			assertThat(sawWarning).as("memory health WARNING before the kill").isTrue();

			Process restarted = start(cgroup, history, "leak-2");
			int restartedPort = port(restarted, "leak-2");
			JsonNode previous = section(get(restartedPort, "/actuator/memorytrend"), "history").path("body")
				.path("previousInstance");
			assertThat(previous.path("cause").asString()).as(previous.toString()).isEqualTo("container-limit");
			assertThat(previous.path("summary").asString()).contains("killed by the kernel's OOM killer")
				.contains("direct-buffers +");
			assertThat(previous.path("oomKillsAfter").asLong()).isGreaterThan(previous.path("oomKillsBefore").asLong());
			assertThat(text(restartedPort, "/actuator/prometheus"))
				.contains("memory_audit_previous_instance{cause=\"container-limit\"} 1.0")
				.contains("memory_audit_previous_instance{cause=\"clean\"} 0.0");

			restarted.destroy(); // SIGTERM: the context closes and the store writes its stop marker
			assertThat(restarted.waitFor(30, TimeUnit.SECONDS)).isTrue();
			Process third = start(cgroup, history, "leak-3");
			JsonNode clean = section(get(port(third, "leak-3"), "/actuator/memorytrend"), "history").path("body")
				.path("previousInstance");
			assertThat(clean.path("cause").asString()).as(clean.toString()).isEqualTo("clean");
		}
	}

	@Test
	void withoutALeakThereIsNoWarningAndNoTimeToTheLimit() throws Exception {
		try (ChildCgroup cgroup = cgroup("memory-audit-e2e-steady")) {
			Process app = start(cgroup, this.temp.resolve("history"), "steady");
			int port = port(app, "steady");
			awaitTicks(port, 10);
			int assessed = 0;
			for (int i = 0; i < 35; i++) {
				JsonNode container = section(get(port, "/actuator/memorytrend"), "container");
				assertThat(container).isNotNull();
				JsonNode body = container.path("body");
				assertThat(body.path("limitBytes").asLong()).isEqualTo(LIMIT);
				assertThat(body.path("exhaustionSeconds").isNull()).as(body.toString()).isTrue();
				assertThat(container.path("verdict").asString()).isNotEqualTo("GROWING");
				assertThat(get(port, "/actuator/health/memory").path("status").asString()).isEqualTo("UP");
				assessed += "STABLE".equals(container.path("verdict").asString()) ? 1 : 0;
				Thread.sleep(1000);
			}
			assertThat(assessed).as("polls with an assessed, stable container").isGreaterThan(20);
			assertThat(app.isAlive()).isTrue();
		}
	}

	private static ChildCgroup cgroup(String name) {
		try {
			return ChildCgroup.create(name, LIMIT);
		}
		catch (ChildCgroup.CannotCreate ex) {
			Assumptions.abort("cannot run the app in a child memory cgroup here: " + ex.getMessage());
			throw new AssertionError(ex);
		}
	}

	private Process start(ChildCgroup cgroup, Path history, String name) throws IOException {
		List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
				"-XX:MaxDirectMemorySize=2g", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
				SampleApplication.class.getName(), "--server.port=0", "--server.address=127.0.0.1",
				"--memory.audit.snapshot.interval=1s", "--memory.audit.snapshot.initial-delay=0s",
				"--memory.audit.trend.warmup=40s", "--memory.audit.trend.leak-warmup=40s",
				"--memory.audit.trend.min-points=8", "--memory.audit.trend.min-growth-rate=0.15", "--memory.audit.histogram.interval=0",
				"--memory.audit.confirmation.mode=none", "--memory.audit.store.directory=" + history,
				"--memory.audit.store.sync-interval=0s",
				"--management.endpoints.web.exposure.include=health,memorytrend,prometheus",
				"--management.endpoint.health.show-details=always");
		Process process = cgroup.start(this.temp.resolve(name + ".log"), command);
		this.processes.add(process);
		return process;
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

	private void awaitTicks(int port, int ticks) throws Exception {
		long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
		while (System.nanoTime() < deadline) {
			JsonNode container = section(get(port, "/actuator/memorytrend"), "container");
			if (container != null && container.path("body").path("trend").path("points").asInt() >= ticks) {
				return;
			}
			Thread.sleep(500);
		}
		throw new AssertionError("fewer than " + ticks + " assessed ticks within a minute");
	}

	private static JsonNode section(JsonNode trend, String name) {
		for (JsonNode section : trend.path("sections")) {
			if (name.equals(section.path("name").asString())) {
				return section;
			}
		}
		return null;
	}

	private JsonNode get(int port, String path) throws IOException, InterruptedException {
		return this.json.readTree(text(port, path));
	}

	private String text(int port, String path) throws IOException, InterruptedException {
		HttpResponse<String> response = this.http.send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10))
					.build(),
				HttpResponse.BodyHandlers.ofString());
		return response.body();
	}

	private void post(int port, String path) throws IOException, InterruptedException {
		HttpResponse<String> response = this.http.send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
					.POST(HttpRequest.BodyPublishers.noBody())
					.build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
	}

}
