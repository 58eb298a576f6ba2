package dev.memoryaudit.sample;

import dev.memoryaudit.sample.leak.LeakyOrder;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drives the sample's leak and garbage endpoints over real HTTP.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@DirtiesContext
class LeakEndpointsTests {

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	private int port;

	@BeforeEach
	@AfterEach
	void reset() throws Exception {
		post("/leak/stop");
		post("/leak/clear");
	}

	@Test
	void leakGrowsStopsAndClears() throws Exception {
		Response started = post("/leak/start?bytesPerSecond=" + (2 * 1024 * 1024));
		assertThat(started.status()).isEqualTo(200);
		assertThat(started.body().get("running").asBoolean()).isTrue();
		assertThat(started.body().get("bytesPerSecond").asLong()).isEqualTo(2 * 1024 * 1024);

		long first = retainedObjects();
		Thread.sleep(1000);
		JsonNode grown = get("/leak").body();
		// 2 MiB/s of ~1 KiB orders is ~2048 per second; allow generous slack for a slow CI machine.
		assertThat(grown.get("retainedObjects").asLong()).isGreaterThan(first + 500);
		assertThat(grown.get("retainedBytes").asLong()).isEqualTo(grown.get("retainedObjects").asLong() * LeakyOrder.ESTIMATED_BYTES);

		Response stopped = post("/leak/stop");
		assertThat(stopped.status()).isEqualTo(200);
		assertThat(stopped.body().get("running").asBoolean()).isFalse();
		long afterStop = stopped.body().get("retainedObjects").asLong();
		assertThat(afterStop).isPositive();
		Thread.sleep(300);
		assertThat(retainedObjects()).isEqualTo(afterStop);

		Response cleared = post("/leak/clear");
		assertThat(cleared.status()).isEqualTo(200);
		assertThat(cleared.body().get("retainedObjects").asLong()).isZero();
		assertThat(cleared.body().get("retainedBytes").asLong()).isZero();
	}

	@Test
	void startingAgainUpdatesTheRate() throws Exception {
		post("/leak/start?bytesPerSecond=1024");
		Response updated = post("/leak/start?bytesPerSecond=4096");
		assertThat(updated.status()).isEqualTo(200);
		assertThat(updated.body().get("running").asBoolean()).isTrue();
		assertThat(updated.body().get("bytesPerSecond").asLong()).isEqualTo(4096);
	}

	@Test
	void startWithoutRateUsesOneMebibytePerSecond() throws Exception {
		Response started = post("/leak/start");
		assertThat(started.status()).isEqualTo(200);
		assertThat(started.body().get("bytesPerSecond").asLong()).isEqualTo(1024 * 1024);
	}

	@Test
	void badRatesAreRejectedWithTheAllowedRange() throws Exception {
		for (String rate : new String[] { "0", "-5", "67108865", "abc", "1.5", "99999999999999999999" }) {
			Response response = post("/leak/start?bytesPerSecond=" + rate);
			assertThat(response.status()).as("rate %s", rate).isEqualTo(400);
			assertThat(response.body().get("error").asString()).as("rate %s", rate).contains("bytesPerSecond");
			assertThat(response.body().get("allowed").asString()).as("rate %s", rate)
				.isEqualTo("1 to 67108864 bytes per second (64 MiB/s max)");
		}
		assertThat(get("/leak").body().get("running").asBoolean()).isFalse();
	}

	@Test
	void garbageCanBeStoppedAndRestarted() throws Exception {
		Response stopped = post("/garbage/stop");
		assertThat(stopped.status()).isEqualTo(200);
		assertThat(stopped.body().get("running").asBoolean()).isFalse();
		Response started = post("/garbage/start?bytesPerSecond=" + (4 * 1024 * 1024));
		assertThat(started.body().get("running").asBoolean()).isTrue();
		long before = started.body().get("allocatedBytes").asLong();
		Thread.sleep(300);
		JsonNode status = get("/garbage").body();
		assertThat(status.get("allocatedBytes").asLong()).isGreaterThan(before);
		assertThat(status.get("ringObjects").asInt()).isBetween(1, 2000);
		assertThat(post("/garbage/start?bytesPerSecond=-1").status()).isEqualTo(400);
	}

	private long retainedObjects() throws Exception {
		return get("/leak").body().get("retainedObjects").asLong();
	}

	private Response get(String path) throws IOException, InterruptedException {
		return send(HttpRequest.newBuilder(uri(path)).GET());
	}

	private Response post(String path) throws IOException, InterruptedException {
		return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody()));
	}

	private Response send(HttpRequest.Builder request) throws IOException, InterruptedException {
		HttpResponse<String> response = this.client.send(request.timeout(Duration.ofSeconds(5)).build(),
				HttpResponse.BodyHandlers.ofString());
		return new Response(response.statusCode(), this.json.readTree(response.body()));
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

	private record Response(int status, JsonNode body) {

	}

}
