package dev.memoryaudit.sample;

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
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample app processed by Spring AOT at build time ({@code process-aot}, bound to {@code process-classes}) and run
 * with {@code -Dspring.aot.enabled=true} answers every memory-audit endpoint with the same status and the same JSON
 * shape (the field names, recursively) as the same app in JVM mode, and exports the same {@code memory_audit_*}
 * meters. Both run as child JVMs side by side with the same arguments.
 */
class AotModeTests {

	private static final Pattern PORT = Pattern.compile("Tomcat started on port (\\d+)");

	private static final List<String> ENDPOINTS = List.of("/actuator/memorytrend", "/actuator/heapdiff",
			"/actuator/memorysnapshots", "/actuator/memorysnapshots/1", "/actuator/memoryaudit",
			"/actuator/memoryretention", "/actuator/health/memory");

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final JsonMapper json = JsonMapper.builder().build();

	@TempDir
	Path temp;

	@Test
	void everyEndpointAnswersInAotModeAsInJvmMode() throws Exception {
		Process jvm = start("jvm", false);
		Process aot = start("aot", true);
		try {
			int jvmPort = port(jvm, "jvm");
			int aotPort = port(aot, "aot");
			assertThat(Files.readString(this.temp.resolve("aot.log"))).contains("Starting AOT-processed SampleApplication");
			assertThat(Files.readString(this.temp.resolve("jvm.log"))).doesNotContain("AOT-processed");
			// a few 1 s ticks and two class histograms (2 s apart) in each
			Thread.sleep(7000);
			for (String endpoint : ENDPOINTS) {
				HttpResponse<String> expected = get(jvmPort, endpoint);
				HttpResponse<String> actual = get(aotPort, endpoint);
				assertThat(actual.statusCode()).as(endpoint + ": " + actual.body()).isEqualTo(expected.statusCode())
					.isLessThan(500);
				assertThat(shape(actual.body())).as(endpoint).isEqualTo(shape(expected.body()));
			}
			assertThat(meterNames(get(aotPort, "/actuator/prometheus").body()))
				.isEqualTo(meterNames(get(jvmPort, "/actuator/prometheus").body()))
				.contains("memory_audit_live_bytes", "memory_audit_pause_seconds_count", "memory_audit_container_usage_bytes");
		}
		finally {
			jvm.destroyForcibly();
			aot.destroyForcibly();
		}
	}

	private Process start(String name, boolean aotMode) throws IOException {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xmx256m", "-XX:TieredStopAtLevel=1"));
		if (aotMode) {
			command.add("-Dspring.aot.enabled=true");
		}
		command.addAll(List.of("-cp", System.getProperty("java.class.path"), SampleApplication.class.getName(),
				"--server.port=0", "--server.address=127.0.0.1", "--memory.audit.snapshot.interval=1s",
				"--memory.audit.snapshot.initial-delay=0s", "--memory.audit.histogram.interval=2s",
				"--memory.audit.histogram.min-interval=1s", "--sample.garbage.bytes-per-second=1048576",
				"--management.endpoints.web.exposure.include=health,prometheus,memorytrend,heapdiff,memorysnapshots,"
						+ "memoryaudit,memoryretention"));
		return new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(this.temp.resolve(name + ".log").toFile())
			.start();
	}

	/**
	 * The JSON's field paths outside arrays (what array elements hold, and whether a field is null yet, depends on
	 * what each app has seen so far), each with {@code object}, {@code array} or {@code value}.
	 */
	private Map<String, String> shape(String body) {
		Map<String, String> paths = new TreeMap<>();
		collect(this.json.readTree(body), "$", paths);
		return paths;
	}

	private static void collect(JsonNode node, String path, Map<String, String> paths) {
		if (node.isObject()) {
			paths.put(path, "object");
			if (DATA_KEYED.stream().anyMatch(path::endsWith)) {
				return; // maps keyed by what the app has seen (series and thread groups), not by field names
			}
			for (Map.Entry<String, JsonNode> field : node.properties()) {
				collect(field.getValue(), path + "." + field.getKey(), paths);
			}
		}
		else {
			paths.put(path, node.isArray() ? "array" : "value");
		}
	}

	/** Objects whose keys are data, not fields. */
	private static final List<String> DATA_KEYED = List.of(".extraSeries", ".unavailableFigures", ".grewInLastHour");

	private static TreeSet<String> meterNames(String scrape) {
		TreeSet<String> names = new TreeSet<>();
		Matcher matcher = Pattern.compile("(?m)^(memory_audit_[a-z_]+)").matcher(scrape);
		while (matcher.find()) {
			names.add(matcher.group(1));
		}
		return names;
	}

	private int port(Process process, String name) throws Exception {
		Path log = this.temp.resolve(name + ".log");
		long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
		while (System.nanoTime() < deadline) {
			Matcher matcher = PORT.matcher(Files.exists(log) ? Files.readString(log) : "");
			if (matcher.find()) {
				return Integer.parseInt(matcher.group(1));
			}
			assertThat(process.isAlive()).as(name + " is running; its log:\n" + Files.readString(log)).isTrue();
			Thread.sleep(200);
		}
		throw new AssertionError(name + " did not start within 2 minutes; its log:\n" + Files.readString(log));
	}

	private HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.timeout(Duration.ofSeconds(10))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}
