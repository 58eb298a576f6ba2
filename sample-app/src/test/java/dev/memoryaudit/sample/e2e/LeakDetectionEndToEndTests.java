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
 * {@code LeakyOrder} first; with the leak off under the same garbage workload it must never say LEAK_SUSPECTED.
 * Time is compressed: 1 s ticks, and a small young generation (see the surefire argLine) for frequent collections.
 */
class LeakDetectionEndToEndTests {

	private static final String[] SHORT_TICK = { "server.port=0", "memory.audit.snapshot.interval=1s",
			"memory.audit.snapshot.initial-delay=0s", "memory.audit.trend.warmup=5s", "memory.audit.trend.min-points=8",
			"memory.audit.histogram.interval=4s", "memory.audit.histogram.min-interval=2s",
			"memory.audit.confirmation.mode=live-histogram", "memory.audit.confirmation.after=3",
			"memory.audit.confirmation.min-interval=3s", "sample.garbage.bytes-per-second=16777216",
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
	void leakIsSuspectedAndHeapDiffRanksTheLeakingClassFirst() throws Exception {
		boot();
		assertThat(post("/leak/start?bytesPerSecond=1048576").statusCode()).isEqualTo(200);
		JsonNode trend = null;
		long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
		while (System.nanoTime() < deadline) {
			Thread.sleep(1000);
			trend = getJson("/actuator/memorytrend");
			if ("LEAK_SUSPECTED".equals(trend.get("verdict").asString())) {
				break;
			}
		}
		assertThat(trend.get("verdict").asString()).as(trend.toString()).isEqualTo("LEAK_SUSPECTED");
		assertThat(trend.get("confirmed").asBoolean()).isTrue();
		JsonNode liveSet = trend.get("series").get(0);
		assertThat(liveSet.get("series").asString()).isEqualTo("live-set");
		assertThat(liveSet.get("verdict").asString()).isEqualTo("LEAK_SUSPECTED");
		assertThat(liveSet.get("slopePerHour").asDouble()).isPositive();
		assertThat(trend.get("liveSet").get("confirmed").asBoolean()).isTrue();

		JsonNode diff = getJson("/actuator/heapdiff?limit=10");
		JsonNode first = diff.get("diff").get("deltas").get(0);
		assertThat(first.get("className").asString()).as(diff.toString())
			.isEqualTo("dev.memoryaudit.sample.leak.LeakyOrder");
		assertThat(first.get("bytesDelta").asLong()).isPositive();

		HttpResponse<String> markdown = get("/actuator/memorytrend", "text/markdown");
		assertThat(markdown.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("text/markdown"));
		assertThat(markdown.body()).startsWith("# Memory trend: LEAK_SUSPECTED").contains("| live-set |");
	}

	@Test
	void withoutTheLeakTheGarbageWorkloadIsNeverSuspected() throws Exception {
		boot();
		List<String> verdicts = new ArrayList<>();
		for (int tick = 0; tick < 40; tick++) {
			Thread.sleep(1000);
			JsonNode trend = getJson("/actuator/memorytrend");
			verdicts.add(trend.get("verdict").asString());
			assertThat(trend.get("verdict").asString()).as("tick %d: %s", tick, trend)
				.isNotEqualTo("LEAK_SUSPECTED");
		}
		JsonNode snapshots = getJson("/actuator/memorysnapshots");
		assertThat(snapshots.get("count").asInt()).isGreaterThanOrEqualTo(30);
		// The run must have produced real verdicts, not only INSUFFICIENT_DATA.
		assertThat(verdicts).contains("STABLE");
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
