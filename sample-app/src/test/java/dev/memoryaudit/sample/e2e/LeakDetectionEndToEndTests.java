package dev.memoryaudit.sample.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.memoryaudit.sample.SampleApplication;
import dev.memoryaudit.sample.leak.LeakyOrderRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Boots the sample app on a random port with a short tick and asks it over real HTTP whether it leaks: with the
 * {@code LeakyOrder} leak on, {@code memorytrend} must say LEAK_SUSPECTED (confirmed) and {@code heapdiff} must rank
 * {@code LeakyOrder} first; with the leak off, under the same garbage workload and a bounded cache churning at its
 * cap, it must never say LEAK_SUSPECTED.
 * Time is compressed about 60 times: 1 s ticks instead of 1 min, a small young generation (see the surefire argLine)
 * for frequent collections, a 45 s warm-up instead of 10 min (a JVM's own start-up growth runs in real time,
 * not compressed), and the minimum growth rate per hour scaled by 60 (0.15
 * instead of 0.0025 of the heap), so that slow start-up growth and the starter's own history filling its rings are
 * judged as they would be at one tick a minute. Live-histogram confirmations every 3 s would spend the default pause
 * budget (0.1 % of wall time) within seconds, so the budget and the maximum pause are raised for this compressed
 * run (the default budget is exercised by the accuracy replay and the engine tests). The histogram history is kept small (8) so that the starter's own
 * history, which grows until its rings are full, fills during warm-up: at one histogram every few seconds it would
 * otherwise grow by about 1 MiB a minute, which compressed time reads as 60 MiB an hour. The other sample-app test
 * classes close their contexts ({@code @DirtiesContext}) so that no cached context keeps running its workloads,
 * histograms or heap dumps in this JVM while the verdict is being measured.
 */
class LeakDetectionEndToEndTests {

	private static final String[] SHORT_TICK = { "server.port=0", "memory.audit.snapshot.interval=1s",
			"memory.audit.snapshot.initial-delay=0s", "memory.audit.trend.warmup=45s", "memory.audit.trend.leak-warmup=60s",
			"memory.audit.trend.min-growth-rate=0.15", "memory.audit.trend.min-points=8",
			"memory.audit.histogram.interval=4s", "memory.audit.histogram.min-interval=2s",
			"memory.audit.histogram.history-size=8",
			"memory.audit.confirmation.mode=live-histogram", "memory.audit.confirmation.after=3",
			"memory.audit.confirmation.min-interval=3s", "memory.audit.confirmation.max-pause=1s",
			"memory.audit.confirmation.pause-budget=0.1", "sample.garbage.bytes-per-second=16777216",
			"management.endpoints.web.exposure.include=health,memorytrend,heapdiff,memorysnapshots" };

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final JsonMapper json = JsonMapper.builder().build();

	private ConfigurableApplicationContext context;

	private int port;

	@AfterEach
	void stop() {
		if (this.context != null) {
			this.context.close();
		}
		LeakyOrderRepository.clear();
	}

	private void boot() {
		LeakyOrderRepository.clear();
		this.context = new SpringApplicationBuilder(SampleApplication.class).properties(SHORT_TICK).run();
		this.port = ((WebServerApplicationContext) this.context).getWebServer().getPort();
	}

	@Test
	void garbageAloneIsNeverSuspectedThenTheLeakIsAndHeapDiffRanksTheLeakingClassFirst() throws Exception {
		boot();
		// Phase 1: the garbage workload and a bounded Caffeine cache churning at its cap (500 entries of 4 KiB, 1,000
		// new entries a second), through warm-up and 30 assessed ticks.
		List<String> verdicts = new ArrayList<>();
		for (int tick = 0; tick < 75; tick++) {
			Thread.sleep(1000);
			assertThat(post("/caches/churn?entries=1000").statusCode()).isEqualTo(200);
			JsonNode trend = getJson("/actuator/memorytrend");
			verdicts.add(trend.get("verdict").asString());
			assertThat(trend.get("verdict").asString())
				.as("tick %d without leak: %s %s", tick, trend.get("summary"), trend.get("liveSet"))
				.isNotEqualTo("LEAK_SUSPECTED");
		}
		assertThat(getJson("/actuator/memorysnapshots").get("count").asInt()).isGreaterThanOrEqualTo(60);
		// The run must have produced real verdicts, not only INSUFFICIENT_DATA.
		assertThat(verdicts.subList(45, verdicts.size())).contains("STABLE");

		// Phase 2: the same workload plus the LeakyOrder leak.
		assertThat(post("/leak/start?bytesPerSecond=1048576").statusCode()).isEqualTo(200);
		JsonNode trend = null;
		long deadline = System.nanoTime() + Duration.ofSeconds(150).toNanos();
		while (System.nanoTime() < deadline) {
			Thread.sleep(1000);
			trend = getJson("/actuator/memorytrend");
			if ("LEAK_SUSPECTED".equals(trend.get("series").get(0).get("verdict").asString())) {
				break;
			}
		}
		assertThat(trend.get("verdict").asString())
			.as("%s %s %s", trend.get("summary"), trend.get("series").get(0), trend.get("liveSet"))
			.isEqualTo("LEAK_SUSPECTED");
		assertThat(trend.get("confirmed").asBoolean()).isTrue();
		JsonNode liveSet = trend.get("series").get(0);
		assertThat(liveSet.get("series").asString()).isEqualTo("live-set");
		assertThat(liveSet.get("verdict").asString()).as(trend.get("summary").asString()).isEqualTo("LEAK_SUSPECTED");
		assertThat(liveSet.get("slopePerHour").asDouble()).isPositive();
		assertThat(trend.get("liveSet").get("confirmed").asBoolean()).isTrue();

		JsonNode diff = getJson("/actuator/heapdiff?limit=10");
		JsonNode first = diff.get("diff").get("deltas").get(0);
		assertThat(first.get("className").asString()).as(diff.toString())
			.isEqualTo("dev.memoryaudit.sample.leak.LeakyOrder");
		assertThat(first.get("bytesDelta").asLong()).isPositive();

		HttpResponse<String> markdown = get("/actuator/memorytrend", "text/markdown");
		assertThat(markdown.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/markdown"));
		assertThat(markdown.body()).startsWith("# Memory trend: LEAK_SUSPECTED").contains("| live-set |");
	}

	private JsonNode getJson(String path) throws Exception {
		HttpResponse<String> response = get(path, "application/json");
		assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
		return this.json.readTree(response.body());
	}

	private HttpResponse<String> get(String path, String accept) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("Accept", accept)
			.timeout(Duration.ofSeconds(30))
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> post(String path) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.POST(HttpRequest.BodyPublishers.noBody())
			.timeout(Duration.ofSeconds(30))
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

}
