package dev.memoryaudit.sample.prometheus;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The fleet rules of {@code docs/prometheus/fleet-rules.yml}, loaded unchanged into Debian's Prometheus (see
 * {@link LocalPrometheus}), over four sample apps, each in a JVM of its own so that a leak in one heap is not seen by
 * another: version 1.4.0 on two of them, deployed first and healthy, and version 1.5.0 on two, deployed a second later
 * and leaking 1 MiB/s from the start. Prometheus scrapes them every 2 seconds and evaluates the rules every second
 * until {@code MemoryAuditLeakIntroduced} fires for 1.5.0; all along no leak alert may name 1.4.0 and no instance of
 * 1.4.0 may read LEAK_SUSPECTED. Then every recording rule must have data, with the figures each version should show, and
 * every query of the dashboard's <em>Fleet by version</em> row and of its <em>Deploys</em> annotation must return both
 * versions.
 * <p>
 * Time is compressed in the apps as in {@code LeakDetectionEndToEndTests} (1 s snapshots, 45 s warm-up, 60 s leak
 * warm-up, live-histogram confirmations every few seconds), not in the rules: the rules need no window to fill (each
 * instance's verdict carries the time), so the only real-time wait is the alert's own {@code for: 1m}.
 */
class FleetPrometheusTests {

	static final String JOB = "sample-app";

	static final String OLD = "1.4.0";

	static final String NEW = "1.5.0";

	static final long LEAK_BYTES_PER_SECOND = 1024 * 1024;

	/**
	 * JVM options of each instance: the young generation of the surefire argLine (frequent collections), C1 only (less
	 * CPU), and a heap that a leak of 1 MiB/s takes over 10 minutes to fill, longer than the slowest run measured here
	 * (5.5 minutes, on two cores shared with builds of other sessions).
	 */
	static final List<String> JVM = List.of("-Xmx768m", "-XX:MaxNewSize=32m", "-XX:+UseG1GC",
			"-XX:TieredStopAtLevel=1");

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final JsonMapper json = JsonMapper.builder().build();

	@TempDir
	Path work;

	@Test
	void leakIntroducedNamesTheLeakingVersionOnlyAndFleetPanelsShowBothVersions() throws Exception {
		long started = System.nanoTime();
		List<SampleAppProcess> apps = new ArrayList<>();
		PrometheusServer prometheus = null;
		try {
			apps.add(SampleAppProcess.launch("old-1", this.work, JVM, properties(OLD)));
			apps.add(SampleAppProcess.launch("old-2", this.work, JVM, properties(OLD)));
			// the new version is deployed later: the earliest start of its instances is the newest deploy moment
			Thread.sleep(1000);
			apps.add(SampleAppProcess.launch("new-1", this.work, JVM, properties(NEW)));
			apps.add(SampleAppProcess.launch("new-2", this.work, JVM, properties(NEW)));
			prometheus = LocalPrometheus.start(config(apps), DashboardFiles.read(DashboardFiles.FLEET_RULES),
					this.work);
			for (SampleAppProcess app : apps) {
				app.awaitUp(Duration.ofSeconds(150));
			}
			System.out.printf("four instances up after %d ms%n", millis(started));
			for (SampleAppProcess app : apps.subList(2, 4)) {
				HttpResponse<String> leak = app.post("/leak/start?bytesPerSecond=" + LEAK_BYTES_PER_SECOND);
				assertThat(leak.statusCode()).as(app.name() + " " + leak.body()).isEqualTo(200);
			}
			try {
				verify(prometheus.uri(), apps);
			}
			catch (AssertionError ex) {
				StringBuilder logs = new StringBuilder(ex.getMessage());
				logs.append("\n--- prometheus log tail ---\n").append(AbstractRealPrometheusTests.tail(prometheus.log()));
				for (SampleAppProcess app : apps) {
					logs.append("\n--- ").append(app.name()).append(" log tail ---\n").append(app.tail());
				}
				throw new AssertionError(logs.toString(), ex);
			}
		}
		finally {
			if (prometheus != null) {
				prometheus.close();
			}
			apps.forEach(SampleAppProcess::close);
			System.out.printf("fleet test took %d ms%n", millis(started));
		}
	}

	private void verify(URI api, List<SampleAppProcess> apps) throws Exception {
		long started = System.nanoTime();
		// 0. each instance exports its version to join on, as Prometheus reads it
		for (SampleAppProcess app : apps) {
			String version = app.name().startsWith("old") ? OLD : NEW;
			assertThat(app.get("/actuator/prometheus").body()).as(app.name())
				.contains("memory_audit_build_info{version=\"" + version + "\"} 1");
		}

		// 1. both instances of the new version read LEAK_SUSPECTED (the apps' compressed time, slower when the machine
		// is busy), then MemoryAuditLeakIntroduced fires for it after its for: 1m; no leak alert ever names the old one
		awaitAlerts(api, apps, Duration.ofSeconds(300), (alerts) -> sum(api, NEW) >= 2,
				"both instances of 1.5.0 LEAK_SUSPECTED");
		System.out.printf("both 1.5.0 instances LEAK_SUSPECTED %d ms after the leak started%n", millis(started));
		JsonNode firing = firingLeakIntroduced(awaitAlerts(api, apps, Duration.ofSeconds(90),
				(alerts) -> firingLeakIntroduced(alerts) != null, "MemoryAuditLeakIntroduced firing"));
		System.out.printf("MemoryAuditLeakIntroduced firing %d ms after the leak started%n", millis(started));
		assertThat(labels(firing)).containsEntry("job", JOB)
			.containsEntry("version", NEW)
			.containsEntry("previous_version", OLD)
			.containsEntry("severity", "critical");
		assertThat(firing.path("annotations").path("summary").asString())
			.isEqualTo("Memory leak introduced in sample-app version 1.5.0");
		assertThat(firing.path("annotations").path("runbook_url").asString())
			.isEqualTo(DashboardFiles.RUNBOOKS + "#memoryauditleakintroduced");
		// over the whole run, as Prometheus recorded it: no leak alert and no LEAK_SUSPECTED instance for 1.4.0
		assertThat(query(api, "ALERTS{alertname=\"MemoryAuditLeakIntroduced\", version!=\"" + NEW + "\"}[1h]"))
			.as("leak alerts naming another version than 1.5.0")
			.isEmpty();
		assertThat(value(query(api, "max_over_time(job_version:memory_audit_leak_suspected:sum{version=\""
				+ OLD + "\"}[1h])"))).as("1.4.0 instances ever LEAK_SUSPECTED").isZero();

		// 2. every rule evaluates without error (a many-to-many join would fail here), every recording rule has data,
		// and each version reads what it should
		JsonNode groups = get(api, "/api/v1/rules").path("data").path("groups");
		assertThat(groups).hasSize(1);
		for (JsonNode rule : groups.get(0).path("rules")) {
			assertThat(rule.path("health").asString()).as(rule.path("name").asString() + " " + rule.path("lastError"))
				.isEqualTo("ok");
		}
		System.out.printf("rule group %s: %d rules, last evaluation took %.2f ms%n",
				groups.get(0).path("name").asString(), groups.get(0).path("rules").size(),
				groups.get(0).path("evaluationTime").asDouble() * 1000);
		for (Map<String, Object> rule : DashboardFiles.recordingRules(DashboardFiles.read(DashboardFiles.FLEET_RULES))) {
			assertThat(query(api, (String) rule.get("record"))).as("recorded " + rule.get("record")).isNotEmpty();
		}
		Map<String, Double> instances = byVersion(query(api, "job_version:memory_audit_build_info:count"));
		assertThat(instances).containsEntry(OLD, 2.0).containsEntry(NEW, 2.0);
		assertThat(byVersion(query(api, "job_version:memory_audit_leak_suspected:ratio")))
			.containsEntry(OLD, 0.0)
			.containsEntry(NEW, 1.0);
		Map<String, Double> median = byVersion(query(api,
				"job_version:memory_audit_live_growth_bytes_per_second:quantile_confirmed{quantile=\"0.5\"}"));
		assertThat(median.get(OLD)).isZero();
		// the live-set slope of the leaking instances is the leak's rate, within what the sample's noise allows
		assertThat(median.get(NEW)).as("median confirmed growth of 1.5.0, B/s")
			.isBetween(0.5 * LEAK_BYTES_PER_SECOND, 2.0 * LEAK_BYTES_PER_SECOND);
		assertThat(byVersion(query(api,
				"job_version:memory_audit_live_growth_bytes_per_second:quantile_confirmed{quantile=\"0.75\"}"))
			.get(OLD)).isZero();
		Map<String, Double> exhaustion = byVersion(query(api, "job_version:memory_audit_heap_exhaustion_seconds:min"));
		assertThat(exhaustion.get(OLD)).as("1.4.0 does not grow").isNaN();
		assertThat(exhaustion.get(NEW)).as("768 MiB heaps filling at 1 MiB/s").isPositive().isLessThan(4 * 3600);
		Map<String, Double> deployed = byVersion(query(api, "job_version:memory_audit_deploy_time_seconds"));
		assertThat(deployed.get(NEW)).isGreaterThan(deployed.get(OLD));
		assertThat(deployed.get(OLD)).as("earliest start of the 1.4.0 JVMs")
			.isCloseTo(epochSeconds(apps.get(0).started()), within(2.0));
		assertThat(deployed.get(NEW)).as("earliest start of the 1.5.0 JVMs")
			.isCloseTo(epochSeconds(apps.get(2).started()), within(2.0));
		assertThat(byVersion(query(api, "job_version:memory_audit_deploy_time_seconds:newest"))).containsOnlyKeys(NEW);
		assertThat(byVersion(query(api, "job_version:memory_audit_deploy_time_seconds:previous"))).containsOnlyKeys(OLD);
		JsonNode change = query(api, "job_version:memory_audit_leak_suspected:ratio_change");
		assertThat(change).hasSize(1);
		assertThat(labels(change.get(0))).containsEntry("version", NEW).containsEntry("previous_version", OLD);
		assertThat(value(change)).isEqualTo(1.0);
		assertThat(value(query(api, "job_version:memory_audit_live_growth_bytes_per_second:median_confirmed_change")))
			.isEqualTo(median.get(NEW), within(1.0));

		// 3. the version heap-exhaustion alert evaluates to active (pending for its 15 minutes) for 1.5.0. Not asserted
		// for 1.4.0: its start-up growth, read in compressed time, can give it an ETA under 4 hours in real seconds for
		// a while; riding out such stretches is what the alert's 15 minutes are for.
		List<String> exhausting = new ArrayList<>();
		for (JsonNode alert : get(api, "/api/v1/alerts").path("data").path("alerts")) {
			if ("MemoryAuditVersionHeapExhaustionPredicted".equals(alert.path("labels").path("alertname").asString())) {
				exhausting.add(alert.path("labels").path("version").asString() + " " + alert.path("state").asString());
			}
		}
		assertThat(exhausting).contains(NEW + " pending");
		System.out.printf("MemoryAuditVersionHeapExhaustionPredicted: %s; soonest exhaustion by version: %s%n",
				exhausting, exhaustion);
		System.out.printf("instances %s, LEAK_SUSPECTED share %s, median confirmed growth %s B/s%n", instances,
				byVersion(query(api, "job_version:memory_audit_leak_suspected:ratio")), median);

		// 4. every query of the fleet-by-version row, and the deploy annotation, return both versions
		Map<String, String> queries = new LinkedHashMap<>(DashboardFiles
			.expressions(DashboardFiles.rowPanels(DashboardFiles.dashboard(), DashboardFiles.FLEET_BY_VERSION)));
		for (JsonNode annotation : DashboardFiles.dashboard().path("annotations").path("list")) {
			if (annotation.has("target")) {
				queries.put("annotation " + annotation.path("name").asString(),
						annotation.path("target").path("expr").asString());
			}
		}
		assertThat(queries).hasSizeGreaterThan(8);
		for (Map.Entry<String, String> entry : queries.entrySet()) {
			String expr = AbstractRealPrometheusTests.substitute(entry.getValue());
			JsonNode result = query(api, expr);
			Set<String> versions = new TreeSet<>();
			result.forEach((series) -> {
				versions.add(series.path("metric").path("version").asString());
				if (series.path("metric").has("previous_version")) {
					versions.add(series.path("metric").path("previous_version").asString());
				}
			});
			assertThat(versions).as(entry.getKey() + ": " + expr + " -> " + result).containsExactly(OLD, NEW);
		}
		Map<String, Double> annotationTimes = byVersion(
				query(api, AbstractRealPrometheusTests.substitute(queries.get("annotation Deploys"))));
		assertThat(annotationTimes.get(NEW)).as("deploy annotation, epoch ms").isEqualTo(deployed.get(NEW) * 1000);
	}

	/**
	 * Polls every 2 seconds until the condition holds on the current alerts, checking on every poll that the
	 * instances are alive and that no MemoryAuditLeakIntroduced alert, pending or firing, names another version than
	 * the new one.
	 * @return the alerts on which the condition held
	 * @throws AssertionError on timeout, with the fleet's state over the last minutes
	 */
	private JsonNode awaitAlerts(URI api, List<SampleAppProcess> apps, Duration timeout, AlertCondition condition,
			String what) throws Exception {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			for (SampleAppProcess app : apps) {
				assertThat(app.isAlive()).as(app.name() + " alive").isTrue();
			}
			JsonNode alerts = get(api, "/api/v1/alerts").path("data").path("alerts");
			for (JsonNode alert : alerts) {
				if ("MemoryAuditLeakIntroduced".equals(alert.path("labels").path("alertname").asString())) {
					assertThat(alert.path("labels").path("version").asString()).as("pending or firing: " + alert)
						.isEqualTo(NEW);
				}
			}
			if (condition.holds(alerts)) {
				return alerts;
			}
			if (System.nanoTime() > deadline) {
				throw new AssertionError(what + " not within " + timeout + "\n" + fleetState(api, alerts, apps));
			}
			Thread.sleep(2000);
		}
	}

	private static @Nullable JsonNode firingLeakIntroduced(JsonNode alerts) {
		for (JsonNode alert : alerts) {
			if ("MemoryAuditLeakIntroduced".equals(alert.path("labels").path("alertname").asString())
					&& "firing".equals(alert.path("state").asString())) {
				return alert;
			}
		}
		return null;
	}

	private double sum(URI api, String version) throws Exception {
		JsonNode result = query(api, "job_version:memory_audit_leak_suspected:sum{version=\"" + version + "\"}");
		return result.isEmpty() ? 0 : value(result);
	}

	/**
	 * What a failure needs to be read: the alerts, each instance's verdict and evidence, the comparison series, and
	 * each instance's LEAK_SUSPECTED over the last 5 minutes in 10-second steps.
	 */
	private String fleetState(URI api, JsonNode alerts, List<SampleAppProcess> apps) throws Exception {
		StringBuilder state = new StringBuilder("alerts: ").append(alerts);
		for (SampleAppProcess app : apps) {
			JsonNode trend = this.json.readTree(app.get("/actuator/memorytrend").body());
			state.append("\n").append(app.name()).append(" memorytrend: ").append(trend.path("verdict").asString())
				.append(" - ").append(trend.path("summary").asString()).append(" liveSet: ")
				.append(trend.path("liveSet").path("reason").asString()).append(" (")
				.append(trend.path("liveSet").path("confirmationStatus").asString()).append(')');
		}
		for (String expr : List.of("job_version:memory_audit_leak_suspected:ratio",
				"job_version:memory_audit_deploy_time_seconds:newest",
				"job_version:memory_audit_deploy_time_seconds:previous",
				"job_version:memory_audit_leak_suspected:ratio_change")) {
			state.append("\n").append(expr).append(" = ").append(query(api, expr));
		}
		for (JsonNode series : query(api, "instance_version:memory_audit_leak_suspected[5m:10s]")) {
			StringBuilder values = new StringBuilder();
			series.path("values").forEach((point) -> values.append(point.get(1).asString()));
			state.append("\n").append(series.path("metric").path("version").asString()).append(' ')
				.append(series.path("metric").path("instance").asString()).append(" LEAK_SUSPECTED, 10 s steps: ")
				.append(values);
		}
		return state.toString();
	}

	/**
	 * A condition on the alerts of {@code /api/v1/alerts}, or on anything else that can be queried meanwhile.
	 */
	@FunctionalInterface
	private interface AlertCondition {

		boolean holds(JsonNode alerts) throws Exception;

	}

	/**
	 * Properties of each instance: its version, and time compressed as in {@code LeakDetectionEndToEndTests} (1 s
	 * ticks, 45 s warm-up, 60 s leak warm-up, growth rates scaled by 60, a live-histogram confirmation every few
	 * seconds). Less CPU than there, for four JVMs on a shared machine: no scheduled histograms (they feed heap diffs,
	 * not the verdict, which reads live histograms), the sample's default garbage rate, no lag thread (not read by
	 * the fleet rules).
	 */
	private static Map<String, String> properties(String version) {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("memory.audit.metrics.version", version);
		properties.put("memory.audit.snapshot.interval", "1s");
		properties.put("memory.audit.snapshot.initial-delay", "0s");
		properties.put("memory.audit.trend.warmup", "45s");
		properties.put("memory.audit.trend.leak-warmup", "60s");
		properties.put("memory.audit.trend.min-growth-rate", "0.15");
		properties.put("memory.audit.trend.min-points", "8");
		properties.put("memory.audit.histogram.interval", "0s");
		properties.put("memory.audit.confirmation.mode", "live-histogram");
		properties.put("memory.audit.confirmation.after", "3");
		properties.put("memory.audit.confirmation.min-interval", "3s");
		properties.put("memory.audit.confirmation.max-pause", "1s");
		properties.put("memory.audit.confirmation.pause-budget", "0.1");
		properties.put("memory.audit.lag.enabled", "false");
		properties.put("management.endpoints.web.exposure.include", "health,prometheus,memorytrend");
		return properties;
	}

	private static String config(List<SampleAppProcess> apps) {
		return """
				global:
				  scrape_interval: 2s
				  scrape_timeout: 2s
				  evaluation_interval: 1s
				rule_files:
				  - rules.yml
				scrape_configs:
				  - job_name: %s
				    metrics_path: /actuator/prometheus
				    static_configs:
				      - targets: [%s]
				""".formatted(JOB, String.join(", ", apps.stream().map((a) -> "'" + a.target() + "'").toList()));
	}

	private JsonNode query(URI api, String expr) throws Exception {
		JsonNode body = get(api, "/api/v1/query?query=" + URLEncoder.encode(expr, StandardCharsets.UTF_8));
		assertThat(body.path("status").asString()).as(expr + " -> " + body).isEqualTo("success");
		return body.path("data").path("result");
	}

	private JsonNode get(URI api, String pathAndQuery) throws IOException, InterruptedException {
		HttpResponse<String> response = this.http.send(
				HttpRequest.newBuilder(URI.create(api + pathAndQuery)).timeout(Duration.ofSeconds(10)).GET().build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(pathAndQuery + " -> " + response.body()).isEqualTo(200);
		return this.json.readTree(response.body());
	}

	/**
	 * Version label to value of an instant-vector result with one series per version.
	 */
	private static Map<String, Double> byVersion(JsonNode result) {
		Map<String, Double> values = new LinkedHashMap<>();
		for (JsonNode series : result) {
			String version = series.path("metric").path("version").asString();
			assertThat(values).as("one series per version: " + result).doesNotContainKey(version);
			values.put(version, Double.parseDouble(series.path("value").get(1).asString()));
		}
		return values;
	}

	private static double value(JsonNode result) {
		assertThat(result).as("one series").hasSize(1);
		return Double.parseDouble(result.get(0).path("value").get(1).asString());
	}

	private static Map<String, String> labels(JsonNode alertOrSeries) {
		JsonNode labels = alertOrSeries.has("labels") ? alertOrSeries.path("labels") : alertOrSeries.path("metric");
		Map<String, String> map = new LinkedHashMap<>();
		labels.properties().forEach((e) -> map.put(e.getKey(), e.getValue().asString()));
		return map;
	}

	private static double epochSeconds(Instant instant) {
		return instant.toEpochMilli() / 1000.0;
	}

	private static long millis(long since) {
		return Duration.ofNanos(System.nanoTime() - since).toMillis();
	}

}
