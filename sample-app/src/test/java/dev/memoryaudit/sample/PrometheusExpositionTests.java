package dev.memoryaudit.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.info.BuildProperties;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scrapes {@code /actuator/prometheus} of the sample app over real HTTP, parses the text exposition into families and
 * samples, and checks every memory-audit meter's name, type, labels and help text; also reads the {@code memory}
 * health contributor.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "memory.audit.snapshot.initial-delay=0s")
@AutoConfigureMetrics
@DirtiesContext
class PrometheusExpositionTests {

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	@LocalServerPort
	private int port;

	@Autowired
	private BuildProperties build;

	@Test
	void exposesEveryMemoryAuditMeter() throws Exception {
		Map<String, Family> families = scrapeUntil((f) -> f.containsKey("memory_audit_lag_seconds")
				&& f.get("memory_audit_lag_seconds").sample("memory_audit_lag_seconds_count").value() > 0);

		Family open = gauge(families, "memory_audit_fd_open_files",
				"Open file descriptors of this type at the last snapshot tick, from /proc/self/fd");
		assertThat(open.samples()).extracting((s) -> s.labels().get("type"))
			.containsExactlyInAnyOrder("socket", "pipe", "anon_inode", "file", "other");
		assertThat(open.samples()).filteredOn((s) -> s.labels().get("type").equals("socket"))
			.singleElement()
			.satisfies((s) -> assertThat(s.value()).as("the listening socket, at least").isGreaterThanOrEqualTo(1));
		assertThat(gauge(families, "memory_audit_fd_usage_ratio",
				"Open file descriptors as a fraction of the maximum (0..1)").value())
			.isBetween(0.0, 1.0);
		assertThat(gauge(families, "memory_audit_fd_truncated",
				"1 when the read cap or time budget cut the last descriptor census short, else 0").value())
			.isZero();

		Family lag = families.get("memory_audit_lag_seconds");
		assertThat(lag.type()).isEqualTo("histogram");
		assertThat(lag.help()).startsWith("How much later than planned the memory-audit-lag thread woke from a sleep of 10 ms");
		List<Sample> buckets = lag.samples().stream().filter((s) -> s.name().equals("memory_audit_lag_seconds_bucket")).toList();
		assertThat(buckets).extracting((s) -> s.labels().get("le")).contains("0.001", "+Inf");
		assertThat(lag.sample("memory_audit_lag_seconds_sum").value()).isPositive();
		assertThat(buckets.get(buckets.size() - 1).value()).isEqualTo(lag.sample("memory_audit_lag_seconds_count").value());
		assertThat(gauge(families, "memory_audit_lag_seconds_max", lag.help()).value()).isPositive();

		assertThat(gauge(families, "memory_audit_snapshot_start_lag_seconds",
				"How late the most recent scheduled memory-audit snapshot started").value())
			.isGreaterThanOrEqualTo(0);
		assertThat(gauge(families, "memory_audit_rss_bytes", "Resident set size of the process, from /proc/self/status")
			.value()).isGreaterThan(50_000_000);
		assertThat(gauge(families, "memory_audit_native_unaccounted_bytes",
				"RSS minus what the JVM accounts for: NMT committed total when NMT is on, else heap and non-heap "
						+ "committed plus direct and mapped buffers")
			.value()).isNotNaN();
		gauge(families, "memory_audit_live_bytes", "Live-set estimate: the lowest old-generation usage after GC at "
				+ "the newest snapshot that saw a collection");
		gauge(families, "memory_audit_live_growth_bytes_per_second",
				"Growth of the live set, Theil-Sen slope over the trend window");
		assertThat(gauge(families, "memory_audit_leak_suspected",
				"1 when the overall trend verdict is LEAK_SUSPECTED, else 0").value())
			.isZero();
		assertThat(gauge(families, "memory_audit_heap_exhaustion_seconds",
				"Seconds until the live set reaches the heap maximum at the current slope; NaN when not growing")
			.value()).as("not growing").isNaN();
		// the version to join on in fleet queries, here from the build info of the sample app's pom
		Family build = gauge(families, "memory_audit_build_info",
				"Always 1; the version tag names the application's version, for fleet queries to join on job and instance");
		assertThat(build.samples()).singleElement().satisfies((sample) -> {
			assertThat(sample.labels()).containsOnlyKeys("version").containsEntry("version", this.build.getVersion());
			assertThat(sample.value()).isEqualTo(1.0);
		});
		// totals stay with Micrometer's own process meters
		assertThat(families).containsKeys("process_files_open_files", "process_files_max_files");
	}

	@Test
	void memoryHealthShowsResources() throws Exception {
		HttpResponse<String> response = get("/actuator/health/memory");
		Files.writeString(Path.of("target/health-memory-sample.json"), response.body());
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode health = JsonMapper.builder().build().readTree(response.body());
		assertThat(health.path("status").asString()).isEqualTo("UP");
		JsonNode resources = health.path("details").path("resources");
		assertThat(resources.path("fileDescriptors").path("open").asLong()).isPositive();
		assertThat(resources.path("fileDescriptors").path("byType").path("socket").asLong()).isPositive();
		assertThat(resources.path("threads").path("live").asInt()).isPositive();
		assertThat(resources.path("native").path("rssBytes").asLong()).isPositive();
		assertThat(resources.path("trend").path("verdict").asString()).isNotEmpty();
		assertThat(resources.has("lag")).isTrue();
		JsonNode groups = JsonMapper.builder().build().readTree(get("/actuator/health").body());
		assertThat(groups.path("components").has("memory")).isTrue();
	}

	private Map<String, Family> scrapeUntil(java.util.function.Predicate<Map<String, Family>> ready) throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (true) {
			HttpResponse<String> response = get("/actuator/prometheus");
			assertThat(response.statusCode()).isEqualTo(200);
			Map<String, Family> families = PrometheusText.parse(response.body());
			if (ready.test(families) || System.nanoTime() > deadline) {
				Files.writeString(Path.of("target/prometheus-sample.txt"), response.body().lines()
					.filter((line) -> line.contains("memory_audit_") || line.contains("process_files"))
					.collect(Collectors.joining("\n")));
				return families;
			}
			Thread.sleep(200);
		}
	}

	private static Family gauge(Map<String, Family> families, String name, String help) {
		assertThat(families).as(name).containsKey(name);
		Family family = families.get(name);
		assertThat(family.type()).as(name).isEqualTo("gauge");
		assertThat(family.help()).as(name).isEqualTo(help);
		assertThat(family.samples()).as(name).isNotEmpty().allSatisfy((s) -> assertThat(s.name()).isEqualTo(name));
		return family;
	}

	private HttpResponse<String> get(String path) throws Exception {
		return this.client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).GET().build(),
				HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * A metric family of the Prometheus text format.
	 */
	record Family(String name, String type, String help, List<Sample> samples) {

		double value() {
			assertThat(this.samples).as(this.name).hasSize(1);
			return this.samples.get(0).value();
		}

		Sample sample(String sampleName) {
			return this.samples.stream()
				.filter((s) -> s.name().equals(sampleName))
				.findFirst()
				.orElseThrow(() -> new AssertionError("no sample " + sampleName + " in " + this.name));
		}

	}

	/**
	 * One sample line: name, labels, value.
	 */
	record Sample(String name, Map<String, String> labels, double value) {
	}

	/**
	 * A small parser of the Prometheus text exposition format (version 0.0.4): HELP and TYPE comments open a family;
	 * sample lines {@code name{label="value",...} value [timestamp]} belong to the family whose name they extend with
	 * {@code _bucket}, {@code _count}, {@code _sum} or nothing.
	 */
	static final class PrometheusText {

		private static final Set<String> SUFFIXES = Set.of("_bucket", "_count", "_sum", "_created", "_total");

		static Map<String, Family> parse(String text) {
			Map<String, String> types = new LinkedHashMap<>();
			Map<String, String> helps = new LinkedHashMap<>();
			Map<String, List<Sample>> samples = new LinkedHashMap<>();
			for (String line : text.split("\n")) {
				if (line.isBlank()) {
					continue;
				}
				if (line.startsWith("# HELP ")) {
					String[] parts = line.substring(7).split(" ", 2);
					helps.put(parts[0], unescape(parts.length > 1 ? parts[1] : ""));
				}
				else if (line.startsWith("# TYPE ")) {
					String[] parts = line.substring(7).split(" ", 2);
					types.put(parts[0], parts[1]);
					samples.putIfAbsent(parts[0], new ArrayList<>());
				}
				else if (!line.startsWith("#")) {
					Sample sample = sample(line);
					samples.computeIfAbsent(familyOf(sample.name(), types.keySet()), (k) -> new ArrayList<>())
						.add(sample);
				}
			}
			Map<String, Family> families = new LinkedHashMap<>();
			samples.forEach((name, list) -> families.put(name,
					new Family(name, types.getOrDefault(name, "untyped"), helps.get(name), List.copyOf(list))));
			return families;
		}

		private static String familyOf(String sampleName, Set<String> families) {
			if (families.contains(sampleName)) {
				return sampleName;
			}
			for (String suffix : SUFFIXES) {
				if (sampleName.endsWith(suffix)) {
					String base = sampleName.substring(0, sampleName.length() - suffix.length());
					if (families.contains(base)) {
						return base;
					}
				}
			}
			return sampleName;
		}

		static Sample sample(String line) {
			int brace = line.indexOf('{');
			int space;
			String name;
			Map<String, String> labels = new LinkedHashMap<>();
			if (brace >= 0 && brace < line.indexOf(' ')) {
				name = line.substring(0, brace);
				int i = brace + 1;
				while (line.charAt(i) != '}') {
					int equals = line.indexOf('=', i);
					String key = line.substring(i, equals).trim();
					StringBuilder value = new StringBuilder();
					int j = equals + 2; // past ="
					while (line.charAt(j) != '"') {
						if (line.charAt(j) == '\\') {
							j++;
							value.append((line.charAt(j) == 'n') ? '\n' : line.charAt(j));
						}
						else {
							value.append(line.charAt(j));
						}
						j++;
					}
					labels.put(key, value.toString());
					i = j + 1;
					if (line.charAt(i) == ',') {
						i++;
					}
				}
				space = i + 1;
			}
			else {
				space = line.indexOf(' ');
				name = line.substring(0, space);
			}
			String[] rest = line.substring(space).trim().split(" ");
			return new Sample(name, labels, value(rest[0]));
		}

		private static double value(String text) {
			return switch (text) {
				case "NaN" -> Double.NaN;
				case "+Inf" -> Double.POSITIVE_INFINITY;
				case "-Inf" -> Double.NEGATIVE_INFINITY;
				default -> Double.parseDouble(text);
			};
		}

		private static String unescape(String help) {
			return help.replace("\\n", "\n").replace("\\\\", "\\");
		}

	}

}
