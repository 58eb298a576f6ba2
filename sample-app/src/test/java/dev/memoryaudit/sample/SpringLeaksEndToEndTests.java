package dev.memoryaudit.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Boots the sample app with a 500 ms snapshot tick and switches on, over real HTTP, each Spring-service leak of
 * {@code /spring-leaks}: the healthy workload first (none of the leak findings may appear), then a RestClient call
 * with a raw URI (flagged with the meter name and the tag key within 10 ticks), a proxy generated per request in a
 * fresh class loader (flagged with the loader type) and a session per request (flagged with the missing bound).
 * The cases run in this order in one application; each asserts only its own finding.
 * <p>
 * Time is compressed: 500 ms ticks, a 3 s warm-up and a 6 s trend window (12 ticks; 6 h of one-minute ticks by
 * default), so that a leak that starts after a healthy phase dominates the window within 10 ticks.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "memory.audit.snapshot.interval=500ms", "memory.audit.snapshot.initial-delay=0s",
				"memory.audit.trend.warmup=3s", "memory.audit.trend.window=6s", "memory.audit.trend.min-points=5",
				"memory.audit.histogram.interval=0s", "sample.garbage.enabled=false" })
@AutoConfigureMetrics
@DirtiesContext
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SpringLeaksEndToEndTests {

	private static final Duration TICK = Duration.ofMillis(500);

	private static final List<String> LEAK_FINDINGS = List.of("METER_CARDINALITY_GROWING", "CLASSES_GROWING",
			"SESSIONS_GROWING", "THREAD_LOCALS_GROWING");

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	private int port;

	@Test
	@Order(1)
	void healthyWorkloadRaisesNoneOfTheLeakFindings() throws Exception {
		post("/spring-leaks/healthy/start");
		try {
			// warm-up: the first requests of each kind load their classes and register their meters
			audit();
			get("/actuator/prometheus");
			Thread.sleep(TICK.multipliedBy(12).toMillis());
			List<String> seen = new ArrayList<>();
			// at least 14 ticks, and until the healthy case has sent as many requests as a leak sends in the tests
			// below (the rate depends on the CPU the machine leaves this JVM)
			long started = healthyRequests();
			long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
			for (int tick = 0; tick < 14 || (healthyRequests() - started < 150 && System.nanoTime() < until); tick++) {
				Thread.sleep(TICK.toMillis());
				for (JsonNode finding : audit().get("findings")) {
					if (LEAK_FINDINGS.contains(finding.get("severity").asString())) {
						seen.add(finding.toString());
					}
				}
			}
			assertThat(seen).as("leak findings on the healthy workload").isEmpty();
			JsonNode status = this.json.readTree(get("/spring-leaks").body());
			assertThat(status.get("requests").get("healthy").asLong() - started).isGreaterThanOrEqualTo(150);
			assertThat(status.get("failures").asLong()).isZero();
			JsonNode audit = audit();
			JsonNode meters = probe(audit, "meter-registry");
			assertThat(meters.get("unavailable").isNull()).as(meters.toString()).isTrue();
			assertThat(meters.get("figures").get("meters").asInt()).isGreaterThan(50);
			assertThat(meters.get("figures").get("scrape").get("samples").asLong()).isPositive();
			JsonNode sessions = probe(audit, "http-sessions");
			assertThat(sessions.get("summary").asString()).contains("bound none").contains("timeout 30m");
			assertThat(sessions.get("figures").get("contexts").get(0).get("active").asInt()).isBetween(1, 3);
			JsonNode classes = probe(audit, "class-loading");
			assertThat(classes.get("figures").get("loaders").asLong()).isPositive();
			assertThat(probe(audit, "thread-locals").get("unavailable").asString())
				.contains("--add-opens java.base/java.lang=ALL-UNNAMED");
		}
		finally {
			post("/spring-leaks/healthy/stop");
		}
	}

	@Test
	@Order(2)
	void rawUriClientCallIsFlaggedWithMeterNameAndTagKeyWithinTenTicks() throws Exception {
		post("/spring-leaks/raw-uri/start");
		try {
			JsonNode finding = awaitFinding("METER_CARDINALITY_GROWING", "http.client.requests", 10);
			assertThat(finding.get("message").asString()).contains("tag 'uri'").contains("/spring-leaks/echo/");
			assertThat(finding.get("fix").asString()).contains("MeterFilter.maximumAllowableTags(\"http.client.requests\", \"uri\"")
				.contains("/orders/{id}");
			String markdown = send(HttpRequest.newBuilder(uri("/actuator/memoryaudit")).header("Accept", "text/markdown")
				.GET()).body();
			assertThat(markdown).contains("| METER_CARDINALITY_GROWING | http.client.requests | meter |")
				.contains("| meter-registry |");
			String prometheus = get("/actuator/prometheus").body();
			// http.client.requests and its http.client.requests.active twin both grow
			assertThat(prometheus).containsPattern("memory_audit_findings\\{severity=\"METER_CARDINALITY_GROWING\"} [1-9]")
				.containsPattern("memory_audit_meters [0-9]")
				.contains("memory_audit_meters_name_meters{name=\"http.client.requests\"}");
		}
		finally {
			post("/spring-leaks/raw-uri/stop");
		}
	}

	@Test
	@Order(3)
	void proxiesGeneratedPerRequestInAFreshLoaderAreFlaggedWithTheLoaderType() throws Exception {
		post("/spring-leaks/class-loaders/start");
		try {
			String loader = "dev.memoryaudit.sample.springleaks.GreetingService$RequestClassLoader";
			JsonNode finding = awaitFinding("CLASSES_GROWING", loader, 30);
			assertThat(finding.get("message").asString()).contains("loader type " + loader);
			long deadline = System.nanoTime() + TICK.multipliedBy(30).toNanos();
			String message = finding.get("message").asString();
			while (!message.contains("$Proxy*") && System.nanoTime() < deadline) {
				Thread.sleep(TICK.toMillis());
				JsonNode again = find(audit(), "CLASSES_GROWING", loader);
				message = (again != null) ? again.get("message").asString() : message;
			}
			assertThat(message).as("growing class-name pattern").contains("jdk.proxy*.$Proxy*");
			assertThat(get("/actuator/prometheus").body()).contains(
					"memory_audit_class_loaders{type=\"" + loader + "\"}");
		}
		finally {
			post("/spring-leaks/class-loaders/stop");
		}
	}

	@Test
	@Order(4)
	void sessionsCreatedPerRequestAreFlaggedWithTheMissingBound() throws Exception {
		post("/spring-leaks/sessions/start");
		try {
			JsonNode finding = awaitFinding("SESSIONS_GROWING", "sessions /", 10);
			assertThat(finding.get("message").asString()).contains("no bound: maxActiveSessions is unlimited")
				.contains("30m after its last request");
			assertThat(finding.get("fix").asString()).contains("getSession(false)").contains("setMaxActiveSessions");
			assertThat(get("/actuator/prometheus").body())
				.contains("memory_audit_http_sessions_timeout_seconds{context=\"/\"} 1800.0");
		}
		finally {
			post("/spring-leaks/sessions/stop");
		}
	}

	private long healthyRequests() throws Exception {
		return this.json.readTree(get("/spring-leaks").body()).get("requests").get("healthy").asLong();
	}

	private JsonNode awaitFinding(String severity, String structure, int ticks) throws Exception {
		long deadline = System.nanoTime() + TICK.multipliedBy(ticks).toNanos();
		JsonNode audit = null;
		while (System.nanoTime() < deadline) {
			Thread.sleep(TICK.toMillis() / 2);
			audit = audit();
			JsonNode finding = find(audit, severity, structure);
			if (finding != null) {
				return finding;
			}
		}
		throw new AssertionError(severity + " on " + structure + " not within " + ticks + " ticks; last audit: "
				+ ((audit != null) ? audit.get("findings") + " " + audit.get("probes") : null));
	}

	private static JsonNode find(JsonNode audit, String severity, String structure) {
		for (JsonNode finding : audit.get("findings")) {
			if (finding.get("severity").asString().equals(severity)
					&& finding.get("structure").asString().equals(structure)) {
				return finding;
			}
		}
		return null;
	}

	private static JsonNode probe(JsonNode audit, String name) {
		for (JsonNode row : audit.get("probes")) {
			if (row.get("probe").asString().equals(name)) {
				return row;
			}
		}
		throw new AssertionError("no probe " + name + " in " + audit.get("probes"));
	}

	private JsonNode audit() throws Exception {
		HttpResponse<String> response = get("/actuator/memoryaudit");
		assertThat(response.statusCode()).isEqualTo(200);
		return this.json.readTree(response.body());
	}

	private void post(String path) throws Exception {
		HttpResponse<String> response = send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody()));
		assertThat(response.statusCode()).as(path).isEqualTo(200);
	}

	private HttpResponse<String> get(String path) throws Exception {
		return send(HttpRequest.newBuilder(uri(path)).GET());
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
		return this.client.send(request.timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
	}

}
