package dev.memoryaudit.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Boots the sample app with a 500 ms snapshot tick and checks {@code /actuator/memoryaudit} and
 * {@code /actuator/prometheus} over real HTTP.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "memory.audit.snapshot.interval=500ms", "memory.audit.snapshot.initial-delay=0s",
				"memory.audit.trend.warmup=0s", "memory.audit.trend.min-points=5", "memory.audit.histogram.interval=0s",
				"sample.garbage.enabled=false" })
@AutoConfigureMetrics
@DirtiesContext
class AuditEndToEndTests {

	private static final Duration TICK = Duration.ofMillis(500);

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	private int port;

	@AfterEach
	void stopLeak() throws Exception {
		send(HttpRequest.newBuilder(uri("/threads/leak/stop")).POST(HttpRequest.BodyPublishers.noBody()));
	}

	@Test
	void flagsTheUnboundedCacheAndTheUnboundedQueueAtStartup() throws Exception {
		JsonNode audit = audit();
		assertThat(finding(audit, "UNBOUNDED", "localCacheManager.sessions")).isTrue();
		assertThat(finding(audit, "UNBOUNDED_QUEUE", "unboundedQueueExecutor")).isTrue();
		assertThat(finding(audit, "UNBOUNDED_QUEUE", "boundedExecutor")).isFalse();
		assertThat(finding(audit, "UNBOUNDED", "cities")).isFalse();
		JsonNode cities = structure(audit, "cities");
		assertThat(cities.get("structure").get("bound").asString()).isEqualTo("BOUNDED");
		assertThat(cities.get("structure").get("capacity").asLong()).isEqualTo(500);
		assertThat(cities.get("structure").get("policy").asString()).contains("maximumSize=500")
			.contains("expireAfterWrite=10m");
		assertThat(structure(audit, "boundedExecutor").get("structure").get("capacity").asLong()).isEqualTo(100);

		HttpResponse<String> markdown = send(
				HttpRequest.newBuilder(uri("/actuator/memoryaudit")).header("Accept", "text/markdown").GET());
		assertThat(markdown.statusCode()).isEqualTo(200);
		assertThat(markdown.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("text/markdown"));
		assertThat(markdown.body())
			.contains("| Structure | Kind | Bound | Size | Fill | Eviction/expiry | Verdict |")
			.contains("| localCacheManager.sessions |");
	}

	@Test
	void flagsTheThreadLeakWithinTenTicksAndExportsTheGauges() throws Exception {
		HttpResponse<String> started = send(
				HttpRequest.newBuilder(uri("/threads/leak/start")).POST(HttpRequest.BodyPublishers.noBody()));
		assertThat(started.statusCode()).isEqualTo(200);
		long deadline = System.nanoTime() + TICK.multipliedBy(10).toNanos();
		boolean growing = false;
		JsonNode audit = null;
		while (!growing && System.nanoTime() < deadline) {
			Thread.sleep(TICK.toMillis() / 2);
			audit = audit();
			growing = finding(audit, "THREAD_GROUP_GROWING", "pool-*-thread-*");
		}
		assertThat(growing).as("THREAD_GROUP_GROWING within 10 ticks; last audit: %s", audit).isTrue();

		JsonNode trend = this.json.readTree(send(HttpRequest.newBuilder(uri("/actuator/memorytrend")).GET()).body());
		assertThat(trend.get("sections").toString()).contains("THREAD_GROUP_GROWING");

		String prometheus = send(HttpRequest.newBuilder(uri("/actuator/prometheus")).GET()).body();
		assertThat(prometheus).contains("memory_audit_collection_capacity{kind=\"cache\",name=\"cities\"} 500.0")
			.contains("memory_audit_collection_size{kind=\"cache\",name=\"localCacheManager.sessions\"}")
			.doesNotContain("memory_audit_collection_capacity{kind=\"cache\",name=\"localCacheManager.sessions\"}")
			.contains("memory_audit_findings{severity=\"UNBOUNDED_QUEUE\"} 1.0")
			.contains("memory_audit_threads_group_threads{group=\"pool-*-thread-*\"}");
	}

	private JsonNode audit() throws Exception {
		HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/actuator/memoryaudit")).GET());
		assertThat(response.statusCode()).isEqualTo(200);
		return this.json.readTree(response.body());
	}

	private static boolean finding(JsonNode audit, String severity, String structure) {
		for (JsonNode finding : audit.get("findings")) {
			if (finding.get("severity").asString().equals(severity)
					&& finding.get("structure").asString().equals(structure)) {
				return true;
			}
		}
		return false;
	}

	private static JsonNode structure(JsonNode audit, String name) {
		for (JsonNode row : audit.get("structures")) {
			if (row.get("structure").get("name").asString().equals(name)) {
				return row;
			}
		}
		throw new AssertionError("no structure " + name + " in " + audit);
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
		return this.client.send(request.timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
	}

}
