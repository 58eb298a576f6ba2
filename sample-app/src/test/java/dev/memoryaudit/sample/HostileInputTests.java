package dev.memoryaudit.sample;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzes every memory-audit endpoint parameter over real HTTP with random, huge, negative, non-numeric, unicode and
 * path-traversal values, and POSTs concurrently: only refusals the endpoints mean (400, 404, 405, 429) or 200 may come
 * back, never a 500, and the app still serves afterwards.
 * <p>
 * 405 is accepted because a POST is only mapped when the endpoint's access is {@code unrestricted}; here it is, so
 * 405 only shows up for methods the endpoints never map (PUT, DELETE).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { ReliabilityProperties.SNAPSHOT_INTERVAL,
		ReliabilityProperties.INITIAL_DELAY, ReliabilityProperties.HISTOGRAM_INTERVAL,
		ReliabilityProperties.HISTOGRAM_MIN_INTERVAL, ReliabilityProperties.HISTOGRAM_HISTORY,
		ReliabilityProperties.SNAPSHOTS_ACCESS, ReliabilityProperties.GARBAGE_OFF, ReliabilityProperties.STORE,
		ReliabilityProperties.HEAPDUMP })
@DirtiesContext
class HostileInputTests {

	static final Set<Integer> ALLOWED = Set.of(200, 400, 404, 405, 429);

	/**
	 * Endpoints that other features may add; absent ones answer 404, which is allowed.
	 */
	private static final List<String> OPTIONAL_ENDPOINTS = List.of("memoryaudit", "memoryretention");

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	@LocalServerPort
	private int port;

	static List<String> hostileValues(Random random) {
		List<String> values = new ArrayList<>(List.of("", " ", "0", "1", "2", "-1", "-0", "+5", " 7 ", "1.5", "1e3",
				"0x10", "NaN", "Infinity", "null", "true", "abc", "9223372036854775807", "9223372036854775808",
				"-9223372036854775808", "-9223372036854775809", "99999999999999999999999999999999", "10000", "10001",
				"2147483648", "\uFF11\uFF12", "\u0663", "\uD83D\uDE00", "\u202E123", "caf\u00E9", "\u0000", "\r\n",
				"%00", "%", "%%", "../../../etc/passwd", "..\\..\\windows\\win.ini", "/etc/passwd",
				"....//....//", "%2e%2e%2f", "' OR '1'='1", "<script>alert(1)</script>", "${jndi:ldap://x/a}",
				"#{7*7}", "{}", "[]", "a".repeat(1_000), "9".repeat(5_000), "\uD83D\uDE00".repeat(500)));
		for (int i = 0; i < 30; i++) {
			values.add(randomString(random, 1 + random.nextInt(40)));
		}
		for (int i = 0; i < 10; i++) {
			values.add(Long.toString(random.nextLong()));
		}
		return values;
	}

	private static String randomString(Random random, int length) {
		StringBuilder builder = new StringBuilder();
		for (int i = 0; i < length; i++) {
			int kind = random.nextInt(4);
			int codePoint = switch (kind) {
				case 0 -> 0x20 + random.nextInt(0x5F);
				case 1 -> random.nextInt(0x20);
				case 2 -> 0xA0 + random.nextInt(0x2000);
				default -> 0x1F300 + random.nextInt(0x300);
			};
			builder.appendCodePoint(codePoint);
		}
		return builder.toString();
	}

	static String query(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	static String segment(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}

	@Test
	void everyParameterRefusesHostileValuesWithoutA500() throws Exception {
		Random random = new Random(7);
		List<String> values = hostileValues(random);
		List<String> paths = new ArrayList<>();
		paths.add("/actuator/memorytrend");
		paths.add("/actuator/heapdiff");
		paths.add("/actuator/memorysnapshots");
		for (String value : values) {
			String q = query(value);
			paths.add("/actuator/heapdiff?from=" + q);
			paths.add("/actuator/heapdiff?to=" + q);
			paths.add("/actuator/heapdiff?limit=" + q);
			paths.add("/actuator/heapdiff?from=" + q + "&to=" + q + "&limit=" + q);
			paths.add("/actuator/heapdiff?from=1&to=" + q);
			paths.add("/actuator/memorytrend?" + q + "=" + q);
			paths.add("/actuator/memorysnapshots/" + segment(value));
			paths.add("/actuator/memorysnapshots?id=" + q);
			for (String optional : OPTIONAL_ENDPOINTS) {
				paths.add("/actuator/" + optional + "?limit=" + q + "&from=" + q + "&to=" + q + "&class=" + q);
				paths.add("/actuator/" + optional + "/" + segment(value));
			}
		}
		// repeated and conflicting parameters
		paths.add("/actuator/heapdiff?from=1&from=2&to=3");
		paths.add("/actuator/heapdiff?limit=1&limit=abc");
		paths.add("/actuator/heapdiff?from=5&to=1");
		paths.add("/actuator/memorysnapshots/1/2/3");
		paths.add("/actuator/memorysnapshots/..%2F..%2Fetc%2Fpasswd");

		Map<String, Integer> unexpected = new TreeMap<>();
		Map<Integer, AtomicInteger> statuses = new TreeMap<>();
		for (String path : paths) {
			// memorysnapshots produces JSON only; asking it for markdown is a 406 by content negotiation, not input
			List<String> accepts = path.startsWith("/actuator/memorysnapshots") ? List.of("application/json", "*/*")
					: List.of("application/json", "text/markdown");
			for (String accept : accepts) {
				HttpResponse<String> response = send(HttpRequest.newBuilder(uri(path)).header("Accept", accept).GET());
				record(path + " [" + accept + "]", response, unexpected, statuses);
			}
		}
		for (String method : List.of("PUT", "DELETE", "PATCH")) {
			for (String path : List.of("/actuator/memorytrend", "/actuator/heapdiff", "/actuator/memorysnapshots",
					"/actuator/memorysnapshots/1")) {
				HttpResponse<String> response = send(HttpRequest.newBuilder(uri(path))
					.method(method, HttpRequest.BodyPublishers.ofString("{\"id\":\"../../x\"}")));
				record(method + " " + path, response, unexpected, statuses);
			}
		}
		for (String body : List.of("", "{}", "not json", "{\"id\":-1}", "[" + "[".repeat(2_000),
				"{\"x\":\"" + "\uD83D\uDE00".repeat(1_000) + "\"}")) {
			HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/actuator/memorysnapshots"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(body)));
			record("POST memorysnapshots " + Parameters.abbreviate(body), response, unexpected, statuses);
		}

		assertThat(unexpected.entrySet().stream().limit(20).toList())
			.as("requests answered with a status outside %s (status counts %s, %d unexpected)", ALLOWED, statuses,
					unexpected.size())
			.isEmpty();
		assertThat(statuses).containsKeys(200, 400, 404);
		assertStillServes();
	}

	@Test
	void concurrentPostsAreSerializedOrRefused() throws Exception {
		int threads = 16;
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
		Map<String, Integer> unexpected = new ConcurrentHashMap<>();
		try {
			List<Future<?>> futures = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				futures.add(executor.submit(() -> {
					for (int i = 0; i < 8; i++) {
						HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/actuator/memorysnapshots"))
							.POST(HttpRequest.BodyPublishers.noBody()));
						statuses.computeIfAbsent(response.statusCode(), (k) -> new AtomicInteger()).incrementAndGet();
						if (response.statusCode() != 200 && response.statusCode() != 429) {
							unexpected.put("POST #" + i + " " + Thread.currentThread().getName() + ": "
									+ response.body(), response.statusCode());
						}
					}
					return null;
				}));
			}
			for (Future<?> future : futures) {
				future.get();
			}
		}
		finally {
			executor.shutdownNow();
		}
		assertThat(unexpected).as("concurrent POSTs: only 200 or 429 expected").isEmpty();
		assertThat(statuses.values().stream().mapToInt(AtomicInteger::get).sum()).isEqualTo(16 * 8);
		assertThat(statuses).containsKey(200);
		assertStillServes();
	}

	private void assertStillServes() throws Exception {
		for (String path : List.of("/actuator/memorytrend", "/actuator/memorysnapshots", "/actuator/health")) {
			HttpResponse<String> response = send(HttpRequest.newBuilder(uri(path)).GET());
			assertThat(response.statusCode()).as(path).isEqualTo(200);
		}
	}

	private static void record(String what, HttpResponse<String> response, Map<String, Integer> unexpected,
			Map<Integer, AtomicInteger> statuses) {
		statuses.computeIfAbsent(response.statusCode(), (k) -> new AtomicInteger()).incrementAndGet();
		if (!ALLOWED.contains(response.statusCode())) {
			String body = response.body();
			unexpected.put(Parameters.abbreviate(what) + " -> "
					+ body.substring(0, Math.min(300, body.length())), response.statusCode());
		}
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
		return this.client.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * Shortens values for assertion messages.
	 */
	static final class Parameters {

		private Parameters() {
		}

		static String abbreviate(String value) {
			String printable = value.codePoints()
				.map((c) -> Character.isISOControl(c) ? '?' : c)
				.collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
				.toString();
			return (printable.length() > 120) ? printable.substring(0, 120) + "…" : printable;
		}

	}

}
