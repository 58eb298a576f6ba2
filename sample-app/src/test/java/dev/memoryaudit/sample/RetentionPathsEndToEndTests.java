package dev.memoryaudit.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

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
 * Over real HTTP, with the recording running from start-up ({@code memory.audit.retention.recording=always}, so that
 * dumps can be requested at any time): every leak shape of the sample app is reported by {@code /actuator/memoryretention} with a path
 * that names the static field or the thread holding it and the method that allocated the sampled objects, and
 * {@code memorytrend} carries the "retained by" section with a culprit: the growing class from the histograms, its
 * holder and its allocation site.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "memory.audit.retention.recording=always", "memory.audit.retention.min-interval=0s",
				"memory.audit.retention.max-paths=50", "management.endpoint.memoryretention.access=unrestricted",
				"memory.audit.snapshot.interval=1s", "memory.audit.snapshot.initial-delay=0s",
				"memory.audit.histogram.interval=2s", "memory.audit.histogram.min-interval=1s",
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
		// holder, then where the sampled objects were allocated (the first application frame): the leaking
		// objects themselves, or the array a growing collection copies them into (ArrayList.addAll's new Object[])
		List<String> wanted = List.of(
				"static field dev.memoryaudit.sample.leak.LeakyOrderRepository. @ (LeakWorkload.tick|LeakyOrderRepository.addAll)\\(line ",
				"static field " + SHAPES + "OrderEvents.LISTENERS @ LeakShapesWorkload.tick\\(line ",
				"static field " + SHAPES + "RequestAudit.BY_REQUEST_ID @ LeakShapesWorkload.tick\\(line ",
				"thread-locals of thread sample-pool- @ LeakShapesWorkload.lambda\\$tick\\$");
		List<String> holders = new ArrayList<>();
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (System.nanoTime() < deadline && !allSeen(holders, wanted)) {
			Thread.sleep(2000);
			HttpResponse<String> post = send("POST", "/actuator/memoryretention", "application/json");
			assertThat(post.statusCode()).isEqualTo(200);
			for (JsonNode path : this.json.readTree(post.body()).get("report").get("paths")) {
				holders.add(path.get("holder").asString() + " @ " + path.at("/allocatedAt/site").asString() + " | "
						+ path.get("root").asString());
			}
		}
		for (String w : wanted) {
			assertThat(holders).as("holders seen, for " + w).anySatisfy((h) -> assertThat(seen(h, w)).isTrue());
		}

		HttpResponse<String> markdown = send("GET", "/actuator/memoryretention", "text/markdown");
		assertThat(markdown.statusCode()).isEqualTo(200);
		assertThat(markdown.body()).startsWith("# Retention paths").contains("| held by |");
		HttpResponse<String> trend = send("GET", "/actuator/memorytrend", "application/json");
		JsonNode sections = this.json.readTree(trend.body()).get("sections");
		assertThat(sections.toString()).contains("\"name\":\"retention\"").contains("topPaths");
		HttpResponse<String> trendMarkdown = send("GET", "/actuator/memorytrend", "text/markdown");
		assertThat(trendMarkdown.body()).contains("## Retained by (JFR old-object samples)");
		// the culprit: the growing class from the histograms, with the holder and the allocation site of its path
		// the other shapes are named above; stop them so that the leaks do not fill the test JVM's shared heap
		for (String shape : List.of("listeners", "map", "threadlocal")) {
			send("POST", "/leak/" + shape + "/stop", "application/json");
		}
		JsonNode culprit = null;
		String lastSeen = "no retention section";
		long culpritDeadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
		while (culprit == null && System.nanoTime() < culpritDeadline) {
			send("POST", "/actuator/memoryretention", "application/json");
			JsonNode report = this.json.readTree(send("GET", "/actuator/memorytrend", "application/json").body());
			for (JsonNode section : report.get("sections")) {
				if ("retention".equals(section.get("name").asString())) {
					lastSeen = "culprits " + section.at("/body/culprits") + "; suspects " + report.get("suspects");
					for (JsonNode c : section.at("/body/culprits")) {
						if (c.get("displayName").asString().endsWith("LeakyOrder")) {
							culprit = c;
						}
					}
				}
			}
			if (culprit == null) {
				Thread.sleep(2000);
			}
		}
		assertThat(culprit).as("a LeakyOrder culprit in memorytrend's retention section; last seen: " + lastSeen)
			.isNotNull();
		assertThat(culprit.get("holder").asString())
			.startsWith("static field dev.memoryaudit.sample.leak.LeakyOrderRepository.");
		assertThat(culprit.get("allocatedAt").asString()).matches("(LeakWorkload.tick|LeakyOrderRepository.addAll)\\(line .*");
		assertThat(culprit.get("bytesPerHour").asDouble()).isPositive();
		assertThat(culprit.get("lookAt").asString()).contains("LeakyOrderRepository.")
			.containsPattern("LeakWorkload.tick|LeakyOrderRepository.addAll");
	}

	private static boolean allSeen(List<String> holders, List<String> wanted) {
		return wanted.stream().allMatch((w) -> holders.stream().anyMatch((h) -> seen(h, w)));
	}

	/**
	 * Whether a reported "holder @ site | root" line matches a wanted "holder prefix @ site pattern".
	 */
	private static boolean seen(String reported, String wanted) {
		String holder = wanted.substring(0, wanted.indexOf(" @ "));
		Pattern site = Pattern.compile(" @ " + wanted.substring(wanted.indexOf(" @ ") + 3));
		return reported.startsWith(holder) && site.matcher(reported).find();
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
