package dev.memoryaudit.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Over real HTTP: every leak shape of the sample app is reported by {@code /actuator/memoryretention} with a path
 * that names the static field or the thread holding it, and {@code memorytrend} carries the "retained by" section.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "memory.audit.retention.enabled=true", "memory.audit.retention.min-interval=0s",
				"memory.audit.retention.max-paths=50", "management.endpoint.memoryretention.access=unrestricted",
				"memory.audit.snapshot.interval=1s", "memory.audit.snapshot.initial-delay=0s",
				"sample.garbage.enabled=false" })
@DirtiesContext
class RetentionPathsEndToEndTests {

	private static final String SHAPES = "dev.memoryaudit.sample.shapes.";

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	private int port;

	@AfterEach
	void stop() throws Exception {
		for (String shape : List.of("listeners", "map", "threadlocal")) {
			send("POST", "/leak/" + shape + "/stop", "application/json");
		}
		send("POST", "/leak/stop", "application/json");
		send("POST", "/leak/clear", "application/json");
	}

	@Test
	void eachLeakShapeIsReportedWithItsHoldingFieldOrThread() throws Exception {
		assertThat(send("POST", "/leak/start?bytesPerSecond=" + (2 * 1024 * 1024), "application/json").statusCode())
			.isEqualTo(200);
		for (String shape : List.of("listeners", "map", "threadlocal")) {
			assertThat(send("POST", "/leak/" + shape + "/start?bytesPerSecond=" + (2 * 1024 * 1024),
					"application/json").statusCode()).isEqualTo(200);
		}
		List<String> wanted = List.of("static field dev.memoryaudit.sample.leak.LeakyOrderRepository.",
				"static field " + SHAPES + "OrderEvents.LISTENERS",
				"static field " + SHAPES + "RequestAudit.BY_REQUEST_ID", "thread-locals of thread sample-pool-");
		List<String> holders = new ArrayList<>();
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (System.nanoTime() < deadline && !allSeen(holders, wanted)) {
			Thread.sleep(2000);
			HttpResponse<String> post = send("POST", "/actuator/memoryretention", "application/json");
			assertThat(post.statusCode()).isEqualTo(200);
			for (JsonNode path : this.json.readTree(post.body()).get("report").get("paths")) {
				holders.add(path.get("holder").asString() + " | " + path.get("root").asString());
			}
		}
		assertThat(holders).as("holders seen").anySatisfy((h) -> assertThat(h).startsWith(wanted.get(0)))
			.anySatisfy((h) -> assertThat(h).startsWith(wanted.get(1)))
			.anySatisfy((h) -> assertThat(h).startsWith(wanted.get(2)))
			.anySatisfy((h) -> assertThat(h).startsWith(wanted.get(3)));

		HttpResponse<String> markdown = send("GET", "/actuator/memoryretention", "text/markdown");
		assertThat(markdown.statusCode()).isEqualTo(200);
		assertThat(markdown.body()).startsWith("# Retention paths").contains("| held by |");
		HttpResponse<String> trend = send("GET", "/actuator/memorytrend", "application/json");
		JsonNode sections = this.json.readTree(trend.body()).get("sections");
		assertThat(sections.toString()).contains("\"name\":\"retention\"").contains("topPaths");
		HttpResponse<String> trendMarkdown = send("GET", "/actuator/memorytrend", "text/markdown");
		assertThat(trendMarkdown.body()).contains("## Retained by (JFR old-object samples)");
	}

	private static boolean allSeen(List<String> holders, List<String> wanted) {
		return wanted.stream().allMatch((w) -> holders.stream().anyMatch((h) -> h.startsWith(w)));
	}

	private HttpResponse<String> send(String method, String path, String accept) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.timeout(Duration.ofSeconds(20))
			.header("Accept", accept)
			.method(method, HttpRequest.BodyPublishers.noBody())
			.build();
		return this.client.send(request, HttpResponse.BodyHandlers.ofString());
	}

}
