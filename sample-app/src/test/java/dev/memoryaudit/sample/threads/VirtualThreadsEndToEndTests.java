package dev.memoryaudit.sample.threads;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.memoryaudit.sample.SampleApplication;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample app on virtual threads ({@code spring.threads.virtual.enabled=true}), booted on a random port and asked
 * over HTTP. On JDK 25 (the {@code e2e-jdk25} execution): with virtual threads leaking (each waits on a future nobody
 * completes) {@code /actuator/memoryaudit} must report a {@code VIRTUAL_THREADS_PARKED_GROWING} finding that names
 * where they wait, {@code memorytrend} must judge the {@code virtual-threads.parked} series growing, and Prometheus
 * must show the finding and the gauge; with only request traffic, whose virtual threads end, there must be no such
 * finding and no growth. On JDK 17 (the default execution): the probe must say why it is unavailable and the leak
 * switch must answer 409.
 */
class VirtualThreadsEndToEndTests {

	private static final String[] VIRTUAL = { "server.port=0", "spring.threads.virtual.enabled=true",
			"memory.audit.snapshot.interval=1s", "memory.audit.snapshot.initial-delay=0s",
			"memory.audit.trend.warmup=10s", "memory.audit.trend.leak-warmup=10s", "memory.audit.trend.min-points=8",
			"memory.audit.virtual-threads.every-ticks=1", "sample.garbage.enabled=false",
			"management.endpoints.web.exposure.include=health,memorytrend,memoryaudit,prometheus" };

	private static final String FINDING = "VIRTUAL_THREADS_PARKED_GROWING";

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final JsonMapper json = JsonMapper.builder().build();

	private ConfigurableApplicationContext context;

	private int port;

	@AfterEach
	void stop() {
		if (this.context != null) {
			this.context.close();
		}
	}

	@Test
	@EnabledForJreRange(minVersion = 25)
	void parkedVirtualThreadsThatPileUpGetAFindingThatNamesWhereTheyWait() throws Exception {
		boot();
		assertThat(post("/threads/virtual/leak/start?perSecond=50").statusCode()).isEqualTo(200);
		JsonNode finding = null;
		for (int second = 0; second < 60 && finding == null; second++) {
			Thread.sleep(1000);
			finding = finding(getJson("/actuator/memoryaudit"));
		}
		assertThat(finding).as("a %s finding within 60 s", FINDING).isNotNull();
		assertThat(finding.get("structure").asString())
			.startsWith("virtual threads parked at dev.memoryaudit.sample.threads.VirtualThreadLeakWorkload.waitForAnswer");
		assertThat(finding.get("fix").asString()).contains("timeout");
		JsonNode probe = probe(getJson("/actuator/memoryaudit"), "virtual-threads");
		assertThat(probe.at("/figures/parked").asLong()).isGreaterThanOrEqualTo(500);
		JsonNode parked = series(getJson("/actuator/memorytrend"), "virtual-threads.parked");
		assertThat(parked).as("a virtual-threads.parked series in the trend").isNotNull();
		assertThat(parked.get("verdict").asString()).isIn("GROWING", "LEAK_SUSPECTED");
		String prometheus = get("/actuator/prometheus").body();
		assertThat(prometheus).containsPattern("memory_audit_findings\\{severity=\"" + FINDING + "\"} [1-9]")
			.containsPattern("memory_audit_virtual_threads\\{state=\"parked\"} [1-9][0-9]{2,}");
	}

	@Test
	@EnabledForJreRange(minVersion = 25)
	void requestsOnVirtualThreadsThatEndGetNoFinding() throws Exception {
		boot();
		List<String> verdicts = new ArrayList<>();
		for (int second = 0; second < 40; second++) {
			Thread.sleep(1000);
			for (int request = 0; request < 20; request++) {
				assertThat(get("/threads/virtual/leak").statusCode()).isEqualTo(200);
			}
			JsonNode audit = getJson("/actuator/memoryaudit");
			assertThat(finding(audit)).as("second %d: %s", second, audit.get("findings")).isNull();
			JsonNode parked = series(getJson("/actuator/memorytrend"), "virtual-threads.parked");
			if (parked != null) {
				verdicts.add(parked.get("verdict").asString());
			}
		}
		assertThat(verdicts).as("virtual-threads.parked was judged").isNotEmpty()
			.doesNotContain("GROWING", "LEAK_SUSPECTED");
		JsonNode probe = probe(getJson("/actuator/memoryaudit"), "virtual-threads");
		assertThat(probe.get("unavailable").isNull()).as("probe %s", probe).isTrue();
		assertThat(probe.at("/figures/parked").asLong()).isLessThan(100);
		assertThat(probe.get("verdict").asString()).isEqualTo("STABLE");
	}

	@Test
	@EnabledForJreRange(maxVersion = 20)
	void beforeJdk21TheCensusSaysWhyAndTheLeakSwitchAnswers409() throws Exception {
		boot();
		Thread.sleep(2000);
		JsonNode trend = getJson("/actuator/memorytrend");
		assertThat(series(trend, "virtual-threads.parked")).isNull();
		assertThat(probe(getJson("/actuator/memoryaudit"), "virtual-threads").get("unavailable").asString())
			.contains("virtual threads need JDK 21 or later");
		HttpResponse<String> start = post("/threads/virtual/leak/start?perSecond=5");
		assertThat(start.statusCode()).isEqualTo(409);
		assertThat(start.body()).contains("JDK 21 or later");
		HttpResponse<String> bad = post("/threads/virtual/leak/start?perSecond=0");
		assertThat(bad.statusCode()).isEqualTo(400);
		assertThat(bad.body()).contains("1 to 1000");
	}

	private void boot() {
		this.context = new SpringApplicationBuilder(SampleApplication.class).properties(VIRTUAL).run();
		this.port = ((WebServerApplicationContext) this.context).getWebServer().getPort();
	}

	private static JsonNode series(JsonNode trend, String name) {
		for (JsonNode series : trend.get("series")) {
			if (name.equals(series.get("series").asString())) {
				return series;
			}
		}
		return null;
	}

	private static JsonNode finding(JsonNode audit) {
		for (JsonNode finding : audit.get("findings")) {
			if (FINDING.equals(finding.get("severity").asString())) {
				return finding;
			}
		}
		return null;
	}

	private static JsonNode probe(JsonNode audit, String name) {
		for (JsonNode row : audit.get("probes")) {
			if (name.equals(row.get("probe").asString())) {
				return row;
			}
		}
		throw new AssertionError("no probe " + name + " in " + audit.get("probes"));
	}

	private JsonNode getJson(String path) throws Exception {
		HttpResponse<String> response = get(path);
		assertThat(response.statusCode()).as(path).isEqualTo(200);
		return this.json.readTree(response.body());
	}

	private HttpResponse<String> get(String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> post(String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody()).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

}
