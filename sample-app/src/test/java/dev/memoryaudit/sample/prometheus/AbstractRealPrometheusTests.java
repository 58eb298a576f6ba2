package dev.memoryaudit.sample.prometheus;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.memoryaudit.sample.SampleApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One test body for a real Prometheus server, started by the subclass (local binary or container): boots the sample
 * app twice in this JVM with a one-second snapshot tick, starts the leak in the first, lets Prometheus scrape both
 * every second, and then checks through the HTTP API that every dashboard query and every alert signal returns data,
 * that the leak-suspected alert fires under test rules with {@code for: 5s}, and that the fleet panels list both
 * instances.
 * <p>
 * Both instances share this JVM's heap, so the leak in the first is visible to the second's live-set gauges too; the
 * test therefore only asserts conditions for the leaking instance and never that the other one stays healthy.
 */
abstract class AbstractRealPrometheusTests {

	static final String JOB = "sample-app";

	/** Substitutions Grafana would make: All for the multi-value variables, a rate window of ten scrapes. */
	static final Map<String, String> VARIABLES = Map.of("$__rate_interval", "10s", "$job", JOB, "$instance", ".+");

	/**
	 * Metric names whose queries may return nothing: none, every query must return data.
	 */
	static final List<String> NOT_YET_EXPORTED = List.of();

	/** {@code <signal> <comparison> <numeric threshold>}, the shape every rule in alerts.yml has. */
	static final Pattern CONDITION = Pattern.compile("^(.*\\S)\\s*(==|!=|>=|<=|>|<)\\s*([-0-9.eE*/+ ()]+)$",
			Pattern.DOTALL);

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final JsonMapper json = JsonMapper.builder().build();

	private int booted;

	@TempDir
	Path work;

	/**
	 * Starts Prometheus with this configuration and rules file.
	 * @param config prometheus.yml content; its {@code rule_files} entry is {@code rules.yml}
	 * @param rules the rules file content
	 * @param work an empty directory for files and storage
	 */
	protected abstract PrometheusServer start(String config, String rules, Path work) throws Exception;

	/**
	 * The host name under which Prometheus reaches the apps, after making their ports reachable.
	 */
	protected abstract String appHost(int... ports);

	@Test
	void dashboardQueriesAndAlertsReturnDataFromRealScrapes() throws Exception {
		long started = System.nanoTime();
		List<ConfigurableApplicationContext> apps = new ArrayList<>();
		try {
			apps.add(boot());
			apps.add(boot());
			int leaking = port(apps.get(0));
			int other = port(apps.get(1));
			post("http://127.0.0.1:" + leaking + "/leak/start?bytesPerSecond=2097152");
			String host = appHost(leaking, other);
			String leakInstance = host + ":" + leaking;
			String otherInstance = host + ":" + other;
			String config = """
					global:
					  scrape_interval: 1s
					  scrape_timeout: 1s
					  evaluation_interval: 1s
					rule_files:
					  - rules.yml
					scrape_configs:
					  - job_name: %s
					    metrics_path: /actuator/prometheus
					    static_configs:
					      - targets: ['%s', '%s']
					""".formatted(JOB, leakInstance, otherInstance);
			String alerts = DashboardFiles.read(DashboardFiles.ALERTS);
			String rules = shortenFor(alerts);
			assertThat(rules).doesNotContain("for: 30m").contains("for: 5s");
			try (PrometheusServer prometheus = start(config, rules, this.work)) {
				System.out.printf("prometheus up after %d ms at %s%n", millis(started), prometheus.uri());
				try {
					verify(prometheus, alerts, leakInstance, otherInstance);
				}
				catch (AssertionError ex) {
					throw new AssertionError(ex.getMessage() + "\n--- prometheus log tail ---\n" + tail(prometheus.log()), ex);
				}
			}
		}
		finally {
			apps.forEach(ConfigurableApplicationContext::close);
			System.out.printf("real-prometheus test took %d ms%n", millis(started));
		}
	}

	private void verify(PrometheusServer prometheus, String alerts, String leakInstance, String otherInstance)
			throws Exception {
		URI api = prometheus.uri();
		long started = System.nanoTime();
		// 1. the leak-suspected alert fires for the leaking instance under for: 5s
		JsonNode firing = awaitFiring(api, "MemoryAuditLeakSuspected", leakInstance, Duration.ofSeconds(60));
		assertThat(firing.path("labels").path("severity").asString()).isEqualTo("critical");
		assertThat(firing.path("annotations").path("runbook_url").asString())
			.isEqualTo(DashboardFiles.RUNBOOKS + "#memoryauditleaksuspected");
		System.out.printf("MemoryAuditLeakSuspected firing after %d ms%n", millis(started));
		// 1b. the dashboard's alert annotation finds it
		for (JsonNode annotation : DashboardFiles.dashboard().path("annotations").path("list")) {
			if ("memory-audit alerts".equals(annotation.path("name").asString())) {
				String expr = substitute(annotation.path("target").path("expr").asString());
				assertThat(instances(query(api, expr))).as("annotation " + expr).contains(leakInstance);
			}
		}

		// 2. every dashboard query returns data
		Map<String, String> queries = new LinkedHashMap<>();
		// the fleet-by-version row reads fleet-rules.yml with two versions: FleetPrometheusTests
		DashboardFiles
			.expressions(DashboardFiles.panelsOutside(DashboardFiles.dashboard(), DashboardFiles.FLEET_BY_VERSION))
			.forEach((panel, expr) -> queries.put("panel " + panel, substitute(expr)));
		// 3. every alert's signal (the expression without its threshold) returns data
		List<Map<String, Object>> rules = DashboardFiles.alertRules(alerts);
		for (Map<String, Object> rule : rules) {
			String expr = ((String) rule.get("expr")).strip();
			Matcher condition = CONDITION.matcher(expr);
			assertThat(condition.matches()).as(rule.get("alert") + " is <signal> <op> <threshold>: " + expr).isTrue();
			queries.put("alert " + rule.get("alert") + " signal", condition.group(1));
		}
		Map<String, JsonNode> results = awaitData(api, queries, Duration.ofSeconds(30));
		Map<String, String> empty = new LinkedHashMap<>();
		queries.forEach((name, expr) -> {
			if (!results.containsKey(name) && NOT_YET_EXPORTED.stream().noneMatch(expr::contains)) {
				empty.put(name, expr);
			}
		});
		assertThat(empty).as("queries without data").isEmpty();
		System.out.printf("%d of %d queries returned data (%d allowed empty)%n",
				results.size(), queries.size(), queries.size() - results.size());

		// 4. full conditions that must hold for the leaking instance (the other shares its heap, see class javadoc),
		// at some evaluation of the last minute: the fitted slope of a 1 s tick can dip for a moment on a busy machine
		for (String alert : List.of("MemoryAuditLeakSuspected", "MemoryAuditHeapExhaustionPredicted")) {
			String expr = (String) rules.stream().filter((r) -> alert.equals(r.get("alert"))).findFirst().orElseThrow()
				.get("expr");
			assertThat(instances(query(api, "max_over_time((" + expr + ")[1m:1s])"))).as(alert + " condition")
				.contains(leakInstance);
		}

		// 5. fleet: every fleet panel lists both instances
		JsonNode fleet = row(DashboardFiles.dashboard(), "Fleet");
		for (JsonNode panel : fleet) {
			for (JsonNode target : panel.path("targets")) {
				String expr = substitute(target.path("expr").asString());
				assertThat(instances(awaitQuery(api, expr, 2, Duration.ofSeconds(15))))
					.as(panel.path("title").asString())
					.contains(leakInstance, otherInstance);
			}
		}
	}

	/**
	 * Boots a sample app with time compressed about 60 times (1 s ticks, no warm-ups, a confirmation every 2 s):
	 * the default pause budget (0.1 % of an hour) would stop such frequent live histograms within a minute, so it is
	 * raised, like the maximum pause, for this compressed run. The history is persisted (a directory per app), so
	 * that how the previous instance ended is exported too (NaN for every cause on a first start).
	 */
	private ConfigurableApplicationContext boot() {
		Path history = this.work.resolve("history-" + this.booted++);
		return new SpringApplicationBuilder(SampleApplication.class).properties("server.port=0",
				"memory.audit.store.directory=" + history,
				"server.address=0.0.0.0", "memory.audit.snapshot.interval=1s", "memory.audit.snapshot.initial-delay=0s",
				"memory.audit.trend.warmup=0s", "memory.audit.trend.leak-warmup=0s", "memory.audit.trend.min-points=5",
				"memory.audit.confirmation.mode=live-histogram", "memory.audit.confirmation.after=3",
				"memory.audit.confirmation.min-interval=2s", "memory.audit.confirmation.max-pause=1s",
				"memory.audit.confirmation.pause-budget=0.1", "memory.audit.histogram.interval=5s",
				"memory.audit.histogram.min-interval=2s", "spring.jmx.enabled=false")
			.run();
	}

	private static int port(ConfigurableApplicationContext context) {
		return Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
	}

	static String shortenFor(String rules) {
		return rules.replaceAll("(?m)^(\\s+for:\\s*)\\S+\\s*$", "$15s");
	}

	static String substitute(String expr) {
		String result = expr;
		for (Map.Entry<String, String> variable : VARIABLES.entrySet()) {
			result = result.replace(variable.getKey(), variable.getValue());
		}
		assertThat(result).as(expr).doesNotContain("$");
		return result;
	}

	private JsonNode awaitFiring(URI api, String alert, String instance, Duration timeout) throws Exception {
		long deadline = System.nanoTime() + timeout.toNanos();
		JsonNode alerts = null;
		while (System.nanoTime() < deadline) {
			alerts = get(api, "/api/v1/alerts").path("data").path("alerts");
			for (JsonNode candidate : alerts) {
				if (alert.equals(candidate.path("labels").path("alertname").asString())
						&& instance.equals(candidate.path("labels").path("instance").asString())
						&& "firing".equals(candidate.path("state").asString())) {
					return candidate;
				}
			}
			Thread.sleep(1000);
		}
		throw new AssertionError(alert + " not firing for " + instance + " within " + timeout + "; alerts: " + alerts);
	}

	private Map<String, JsonNode> awaitData(URI api, Map<String, String> queries, Duration timeout) throws Exception {
		Map<String, JsonNode> results = new LinkedHashMap<>();
		long deadline = System.nanoTime() + timeout.toNanos();
		do {
			for (Map.Entry<String, String> query : queries.entrySet()) {
				if (!results.containsKey(query.getKey())) {
					JsonNode result = query(api, query.getValue());
					if (!result.isEmpty()) {
						results.put(query.getKey(), result);
					}
				}
			}
			boolean onlyAllowedMissing = queries.entrySet()
				.stream()
				.filter((q) -> !results.containsKey(q.getKey()))
				.allMatch((q) -> NOT_YET_EXPORTED.stream().anyMatch(q.getValue()::contains));
			if (onlyAllowedMissing) {
				break;
			}
			Thread.sleep(1000);
		}
		while (System.nanoTime() < deadline);
		return results;
	}

	private JsonNode awaitQuery(URI api, String expr, int minSeries, Duration timeout) throws Exception {
		long deadline = System.nanoTime() + timeout.toNanos();
		JsonNode result = query(api, expr);
		while (result.size() < minSeries && System.nanoTime() < deadline) {
			Thread.sleep(1000);
			result = query(api, expr);
		}
		return result;
	}

	private JsonNode query(URI api, String expr) throws Exception {
		JsonNode body = get(api, "/api/v1/query?query=" + URLEncoder.encode(expr, StandardCharsets.UTF_8));
		assertThat(body.path("status").asString()).as(expr + " -> " + body).isEqualTo("success");
		return body.path("data").path("result");
	}

	private static Set<String> instances(JsonNode result) {
		Set<String> instances = new LinkedHashSet<>();
		result.forEach((series) -> instances.add(series.path("metric").path("instance").asString()));
		return instances;
	}

	private static JsonNode row(JsonNode dashboard, String title) {
		List<JsonNode> panels = new ArrayList<>();
		boolean inside = false;
		for (JsonNode panel : dashboard.path("panels")) {
			if ("row".equals(panel.path("type").asString())) {
				inside = title.equals(panel.path("title").asString());
				if (inside) {
					panel.path("panels").forEach(panels::add);
				}
			}
			else if (inside) {
				panels.add(panel);
			}
		}
		assertThat(panels).as("panels of row " + title).isNotEmpty();
		return JsonMapper.builder().build().valueToTree(panels);
	}

	private JsonNode get(URI api, String pathAndQuery) throws IOException, InterruptedException {
		HttpResponse<String> response = this.http.send(
				HttpRequest.newBuilder(URI.create(api + pathAndQuery)).timeout(Duration.ofSeconds(10)).GET().build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(pathAndQuery + " -> " + response.body()).isEqualTo(200);
		return this.json.readTree(response.body());
	}

	private void post(String url) throws IOException, InterruptedException {
		HttpResponse<String> response = this.http.send(
				HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.noBody()).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(url).isEqualTo(200);
	}

	static String tail(String log) {
		String[] lines = log.split("\n");
		return String.join("\n", List.of(lines).subList(Math.max(0, lines.length - 30), lines.length));
	}

	private static long millis(long since) {
		return Duration.ofNanos(System.nanoTime() - since).toMillis();
	}

	static Path write(Path dir, String name, String content) throws IOException {
		return Files.writeString(dir.resolve(name), content);
	}

}
