package dev.memoryaudit.sample;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sixteen threads call every memory-audit endpoint over real HTTP while the scheduler takes a snapshot every 100 ms
 * and a histogram every 500 ms, and POSTs take more: no 500s or client exceptions, and every response is internally
 * consistent. A snapshot list is sorted by id without duplicates and its count matches; a heap diff names the
 * snapshots it compared and its elapsed time is exactly the time between those snapshots' histograms, so it never
 * mixes two diffs' halves.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { ReliabilityProperties.SNAPSHOT_INTERVAL,
		ReliabilityProperties.INITIAL_DELAY, ReliabilityProperties.HISTOGRAM_INTERVAL,
		ReliabilityProperties.HISTOGRAM_MIN_INTERVAL, ReliabilityProperties.HISTOGRAM_HISTORY,
		ReliabilityProperties.SNAPSHOTS_ACCESS, ReliabilityProperties.GARBAGE_OFF, ReliabilityProperties.STORE,
		ReliabilityProperties.HEAPDUMP })
@DirtiesContext
class ConcurrentEndpointsTests {

	private static final int THREADS = 16;

	private static final Duration RUN_FOR = Duration.ofSeconds(8);

	/** On a loaded machine histograms come slower: the run goes on until enough diffs were seen, up to this long. */
	private static final Duration RUN_AT_MOST = Duration.ofSeconds(40);

	private static final int MIN_DIFFS = 11;

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	private int port;

	@Test
	void everyResponseIsConsistentUnderConcurrentLoad() throws Exception {
		Queue<String> problems = new ConcurrentLinkedQueue<>();
		Queue<JsonNode> diffs = new ConcurrentLinkedQueue<>();
		Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
		Set<Long> knownIds = ConcurrentHashMap.newKeySet();
		ExecutorService executor = Executors.newFixedThreadPool(THREADS);
		CountDownLatch start = new CountDownLatch(1);
		long deadline = System.nanoTime() + RUN_FOR.toNanos();
		long hardDeadline = System.nanoTime() + RUN_AT_MOST.toNanos();
		try {
			List<Future<?>> futures = new ArrayList<>();
			for (int t = 0; t < THREADS; t++) {
				futures.add(executor.submit(() -> {
					start.await();
					while (System.nanoTime() < deadline
							|| (diffs.size() < MIN_DIFFS && System.nanoTime() < hardDeadline)) {
						int pick = ThreadLocalRandom.current().nextInt(7);
						try {
							call(pick, problems, diffs, calls, knownIds);
						}
						catch (Exception ex) {
							problems.add("call " + pick + " threw " + ex);
						}
					}
					return null;
				}));
			}
			start.countDown();
			for (Future<?> future : futures) {
				future.get();
			}
		}
		finally {
			executor.shutdownNow();
		}
		assertThat(problems).as("inconsistent or failed responses (calls %s)", calls).isEmpty();
		assertThat(calls.keySet()).contains("trend", "trend-markdown", "diff", "list", "one", "post");

		int verified = 0;
		for (JsonNode diff : diffs) {
			long from = diff.get("from").asLong();
			long to = diff.get("to").asLong();
			Instant fromAt = histogramCapturedAt(from);
			Instant toAt = histogramCapturedAt(to);
			assertThat(duration(diff.get("diff").get("elapsed")))
				.as("elapsed of the diff %d -> %d equals the time between their histograms", from, to)
				.isEqualTo(Duration.between(fromAt, toAt));
			verified++;
		}
		assertThat(verified).as("heap diffs verified against their histograms").isGreaterThanOrEqualTo(MIN_DIFFS);
	}

	private void call(int pick, Queue<String> problems, Queue<JsonNode> diffs, Map<String, AtomicInteger> calls,
			Set<Long> knownIds) throws Exception {
		switch (pick) {
			case 0 -> {
				count(calls, "trend");
				HttpResponse<String> response = get("/actuator/memorytrend", "application/json");
				expect(response, Set.of(200), "trend", problems);
				if (response.statusCode() == 200) {
					JsonNode body = this.json.readTree(response.body());
					if (body.get("verdict") == null || body.get("snapshots").asInt() < 0) {
						problems.add("trend without verdict: " + response.body());
					}
				}
			}
			case 1 -> {
				count(calls, "trend-markdown");
				HttpResponse<String> response = get("/actuator/memorytrend", "text/markdown");
				expect(response, Set.of(200), "trend markdown", problems);
			}
			case 2 -> {
				count(calls, "diff");
				String query = "";
				List<Long> ids = new ArrayList<>(knownIds);
				if (ids.size() >= 2 && ThreadLocalRandom.current().nextBoolean()) {
					long a = ids.get(ThreadLocalRandom.current().nextInt(ids.size()));
					long b = ids.get(ThreadLocalRandom.current().nextInt(ids.size()));
					query = "?from=" + Math.min(a, b) + "&to=" + Math.max(a, b) + "&limit=5";
				}
				HttpResponse<String> response = get("/actuator/heapdiff" + query, "application/json");
				expect(response, Set.of(200, 404), "heapdiff" + query, problems);
				if (response.statusCode() == 200) {
					JsonNode body = this.json.readTree(response.body());
					diffs.add(body);
					if (!query.isEmpty() && !query.startsWith("?from=" + body.get("from").asLong() + "&to="
							+ body.get("to").asLong() + "&")) {
						problems.add("heapdiff" + query + " answered for other snapshots: " + body.get("from") + " -> "
								+ body.get("to"));
					}
					if (query.isEmpty() && body.get("from").asLong() > body.get("to").asLong()) {
						problems.add("default heapdiff goes backwards: " + body.get("from") + " -> " + body.get("to"));
					}
				}
			}
			case 3 -> {
				count(calls, "list");
				HttpResponse<String> response = get("/actuator/memorysnapshots", "application/json");
				expect(response, Set.of(200), "list", problems);
				if (response.statusCode() == 200) {
					JsonNode body = this.json.readTree(response.body());
					JsonNode snapshots = body.get("snapshots");
					if (body.get("count").asInt() != snapshots.size()) {
						problems.add("count " + body.get("count") + " but " + snapshots.size() + " snapshots listed");
					}
					long previous = Long.MIN_VALUE;
					for (JsonNode snapshot : snapshots) {
						long id = snapshot.get("id").asLong();
						if (id <= previous) {
							problems.add("snapshot list not strictly ascending: " + previous + " then " + id);
						}
						previous = id;
						if (snapshot.get("hasHistogram").asBoolean()) {
							knownIds.add(id);
						}
					}
				}
			}
			case 4 -> {
				count(calls, "one");
				List<Long> ids = new ArrayList<>(knownIds);
				long id = ids.isEmpty() ? 1 : ids.get(ThreadLocalRandom.current().nextInt(ids.size()));
				HttpResponse<String> response = get("/actuator/memorysnapshots/" + id, "application/json");
				expect(response, Set.of(200, 404), "snapshot " + id, problems);
				if (response.statusCode() == 200) {
					JsonNode body = this.json.readTree(response.body());
					if (body.get("snapshot").get("id").asLong() != id) {
						problems.add("asked for snapshot " + id + ", got " + body.get("snapshot").get("id"));
					}
				}
			}
			case 5 -> {
				count(calls, "post");
				HttpResponse<String> response = this.client.send(HttpRequest.newBuilder(uri("/actuator/memorysnapshots"))
					.timeout(Duration.ofSeconds(30))
					.POST(HttpRequest.BodyPublishers.noBody())
					.build(), HttpResponse.BodyHandlers.ofString());
				expect(response, Set.of(200, 429), "post", problems);
			}
			default -> {
				count(calls, "health");
				expect(get("/actuator/health", "application/json"), Set.of(200), "health", problems);
			}
		}
	}

	private Instant histogramCapturedAt(long snapshotId) throws Exception {
		HttpResponse<String> response = get("/actuator/memorysnapshots/" + snapshotId, "application/json");
		assertThat(response.statusCode()).as("snapshot %d still in history", snapshotId).isEqualTo(200);
		JsonNode histogram = this.json.readTree(response.body()).get("histogram");
		assertThat(histogram.isNull()).as("snapshot %d has its histogram", snapshotId).isFalse();
		JsonNode capturedAt = histogram.get("histogram").get("capturedAt");
		return capturedAt.isNumber() ? instantOfSeconds(capturedAt.decimalValue()) : Instant.parse(capturedAt.asString());
	}

	private static Instant instantOfSeconds(BigDecimal seconds) {
		return Instant.ofEpochSecond(0).plus(duration(seconds));
	}

	private static Duration duration(JsonNode node) {
		return node.isNumber() ? duration(node.decimalValue()) : Duration.parse(node.asString());
	}

	private static Duration duration(BigDecimal seconds) {
		return Duration.ofSeconds(seconds.longValue(),
				seconds.remainder(BigDecimal.ONE).movePointRight(9).longValue());
	}

	private static void count(Map<String, AtomicInteger> calls, String what) {
		calls.computeIfAbsent(what, (k) -> new AtomicInteger()).incrementAndGet();
	}

	private static void expect(HttpResponse<String> response, Set<Integer> statuses, String what,
			Queue<String> problems) {
		if (!statuses.contains(response.statusCode())) {
			problems.add(what + " answered " + response.statusCode() + ": " + response.body());
		}
	}

	private HttpResponse<String> get(String path, String accept) throws Exception {
		return this.client.send(
				HttpRequest.newBuilder(uri(path)).header("Accept", accept).timeout(Duration.ofSeconds(30)).GET().build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

}
