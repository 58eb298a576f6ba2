package dev.memoryaudit.sample.prometheus;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Structural checks of {@code docs/grafana/memory-audit-dashboard.json} and of the runbook links in
 * {@code docs/prometheus/alerts.yml}, without a Prometheus server.
 */
class DashboardStructureTests {

	private final JsonNode dashboard = DashboardFiles.dashboard();

	@Test
	void everyPanelHasDatasourceVariableQueryUnitAndDescription() {
		List<JsonNode> panels = DashboardFiles.panels(this.dashboard);
		assertThat(panels).hasSizeGreaterThan(15);
		for (JsonNode panel : panels) {
			String name = panel.path("id").asInt() + " " + panel.path("title").asString();
			assertThat(panel.path("datasource").path("uid").asString()).as(name).isEqualTo("${datasource}");
			assertThat(panel.path("targets").size()).as(name + " targets").isPositive();
			for (JsonNode target : panel.path("targets")) {
				assertThat(target.path("expr").asString()).as(name + " expr").isNotBlank();
				assertThat(target.path("datasource").path("uid").asString()).as(name + " target datasource")
					.isEqualTo("${datasource}");
			}
			assertThat(panel.path("fieldConfig").path("defaults").path("unit").asString()).as(name + " unit")
				.isNotBlank();
			assertThat(panel.path("description").asString()).as(name + " description")
				.contains("Healthy")
				.contains("Unhealthy");
		}
	}

	@Test
	void panelIdsDoNotRepeatAcrossRows() {
		List<Integer> ids = DashboardFiles.allPanels(this.dashboard).stream().map((p) -> p.path("id").asInt()).toList();
		assertThat(ids).doesNotHaveDuplicates().doesNotContain(0);
	}

	@Test
	void rowsCoverTheIssue() {
		List<String> rows = new ArrayList<>();
		this.dashboard.path("panels").forEach((p) -> {
			if ("row".equals(p.path("type").asString())) {
				rows.add(p.path("title").asString());
			}
		});
		assertThat(rows).containsExactly("Verdict and live set", "Heap pools and GC", "RSS and native memory",
				"File descriptors", "Lag", "Caches, executors and findings", "Threads", "Fleet", "Fleet by version",
				"Container memory", "memory-audit's own cost", "Meters, class loaders and sessions");
	}

	@Test
	void templatingHasDatasourceJobAndInstanceVariables() {
		JsonNode list = this.dashboard.path("templating").path("list");
		JsonNode datasource = variable(list, "datasource");
		assertThat(datasource.path("type").asString()).isEqualTo("datasource");
		assertThat(datasource.path("query").asString()).isEqualTo("prometheus");
		for (String name : List.of("job", "instance")) {
			JsonNode variable = variable(list, name);
			assertThat(variable.path("type").asString()).as(name).isEqualTo("query");
			assertThat(variable.path("multi").asBoolean()).as(name + " multi").isTrue();
			assertThat(variable.path("includeAll").asBoolean()).as(name + " includeAll").isTrue();
			assertThat(variable.path("datasource").path("uid").asString()).as(name).isEqualTo("${datasource}");
		}
		assertThat(this.dashboard.path("schemaVersion").asInt()).isGreaterThanOrEqualTo(39);
	}

	@Test
	void everyQueryFiltersOnTheJobVariable() {
		DashboardFiles.expressions(DashboardFiles.panels(this.dashboard))
			.forEach((panel, expr) -> assertThat(expr).as(panel).contains("job=~\"$job\""));
	}

	@Test
	void alertsCarrySeverityAndRunbookAnchorsThatExist() {
		String alerting = DashboardFiles.read(DashboardFiles.DOCS.resolve("alerting.md"));
		List<Map<String, Object>> rules = DashboardFiles.alertRules(DashboardFiles.read(DashboardFiles.ALERTS));
		assertThat(rules).hasSize(12);
		Pattern anchor = Pattern.compile(Pattern.quote(DashboardFiles.RUNBOOKS) + "#([a-z0-9-]+)");
		for (Map<String, Object> rule : rules) {
			String alert = (String) rule.get("alert");
			assertThat(((Map<?, ?>) rule.get("labels")).get("severity")).as(alert).isIn("warning", "critical");
			String runbook = (String) ((Map<?, ?>) rule.get("annotations")).get("runbook_url");
			Matcher matcher = anchor.matcher(runbook);
			assertThat(matcher.matches()).as(alert + " runbook " + runbook).isTrue();
			assertThat(alerting).as(alert).containsIgnoringCase("## " + alert + "\n");
			assertThat(matcher.group(1)).isEqualTo(alert.toLowerCase());
		}
	}

	@Test
	void fleetByVersionRowShowsGrowthShareAndExhaustionOfEveryVersionSideBySide() {
		List<JsonNode> row = DashboardFiles.rowPanels(this.dashboard, DashboardFiles.FLEET_BY_VERSION);
		assertThat(row).extracting((p) -> p.path("title").asString())
			.containsExactly("Versions side by side", "LEAK_SUSPECTED share by version",
					"Confirmed live-set growth by version", "Soonest heap exhaustion by version",
					"Newest version against the previous one");
		Map<String, String> expressions = DashboardFiles.expressions(row);
		assertThat(String.join("\n", expressions.values()))
			.contains("job_version:memory_audit_leak_suspected:ratio{")
			.contains("job_version:memory_audit_live_growth_bytes_per_second:quantile_confirmed{")
			.contains("job_version:memory_audit_heap_exhaustion_seconds:min{")
			.contains("job_version:memory_audit_leak_suspected:ratio_change{");
		// every series is one version: grouped by it (tables) or named after it (time series)
		for (JsonNode panel : row) {
			for (JsonNode target : panel.path("targets")) {
				String name = panel.path("title").asString() + " " + target.path("refId").asString();
				if ("table".equals(panel.path("type").asString())) {
					assertThat(target.path("expr").asString()).as(name).startsWith("max by (job, version");
					assertThat(target.path("instant").asBoolean()).as(name + " instant").isTrue();
					assertThat(target.path("format").asString()).as(name).isEqualTo("table");
				}
				else {
					assertThat(target.path("legendFormat").asString()).as(name).contains("{{version}}");
				}
			}
		}
		// a version whose live set does not grow shows "not growing" (its soonest exhaustion is NaN)
		JsonNode sideBySide = row.get(0);
		assertThat(sideBySide.path("fieldConfig").path("overrides").toString()).contains("\"match\":\"nan\"")
			.contains("not growing");
	}

	@Test
	void fleetQueriesAndTheDeployAnnotationReadSeriesThatFleetRulesRecord() {
		List<String> recorded = DashboardFiles.recordingRules(DashboardFiles.read(DashboardFiles.FLEET_RULES))
			.stream()
			.map((rule) -> (String) rule.get("record"))
			.toList();
		List<String> expressions = new ArrayList<>(DashboardFiles
			.expressions(DashboardFiles.rowPanels(this.dashboard, DashboardFiles.FLEET_BY_VERSION))
			.values());
		expressions.add(deployAnnotation().path("target").path("expr").asString());
		Pattern series = Pattern.compile("\\b((?:instance_version|job_version|job):[a-z_:0-9]+)");
		List<String> used = new ArrayList<>();
		for (String expr : expressions) {
			Matcher matcher = series.matcher(expr);
			while (matcher.find()) {
				used.add(matcher.group(1));
			}
		}
		assertThat(used).hasSizeGreaterThanOrEqualTo(expressions.size());
		assertThat(recorded).containsAll(used);
	}

	@Test
	void deployAnnotationMarksEachVersionsDeployMoment() {
		JsonNode deploys = deployAnnotation();
		assertThat(deploys.path("datasource").path("uid").asString()).isEqualTo("${datasource}");
		assertThat(deploys.path("enable").asBoolean()).isTrue();
		// the series value is the time: the deploy moment in epoch milliseconds
		assertThat(deploys.path("useValueForTime").asBoolean()).isTrue();
		assertThat(deploys.path("target").path("expr").asString())
			.isEqualTo("job_version:memory_audit_deploy_time_seconds{job=~\"$job\"} * 1000");
		assertThat(deploys.path("tagKeys").asString()).contains("version");
		assertThat(deploys.path("titleFormat").asString()).contains("{{version}}");
	}

	@Test
	void fleetAlertsCarrySeverityAndRunbookAnchorsThatExist() {
		String alerting = DashboardFiles.read(DashboardFiles.DOCS.resolve("alerting.md"));
		List<Map<String, Object>> alerts = DashboardFiles.alertRules(DashboardFiles.read(DashboardFiles.FLEET_RULES))
			.stream()
			.filter((rule) -> rule.containsKey("alert"))
			.toList();
		assertThat(alerts).extracting((rule) -> rule.get("alert"))
			.containsExactly("MemoryAuditLeakIntroduced", "MemoryAuditVersionHeapExhaustionPredicted");
		for (Map<String, Object> rule : alerts) {
			String alert = (String) rule.get("alert");
			assertThat(((Map<?, ?>) rule.get("labels")).get("severity")).as(alert).isIn("warning", "critical");
			assertThat(rule.get("for")).as(alert + " for").isNotNull();
			assertThat((String) rule.get("expr")).as(alert).contains("version");
			String runbook = (String) ((Map<?, ?>) rule.get("annotations")).get("runbook_url");
			assertThat(runbook).isEqualTo(DashboardFiles.RUNBOOKS + "#" + alert.toLowerCase());
			assertThat(alerting).as(alert).contains("## " + alert + "\n");
		}
	}

	private JsonNode deployAnnotation() {
		for (JsonNode annotation : this.dashboard.path("annotations").path("list")) {
			if ("Deploys".equals(annotation.path("name").asString())) {
				return annotation;
			}
		}
		throw new AssertionError("no Deploys annotation");
	}

	@Test
	void theSpringLeaksRowShowsEachProbeAndItsFindings() {
		List<String> expressions = new ArrayList<>();
		boolean inside = false;
		for (JsonNode panel : this.dashboard.path("panels")) {
			if ("row".equals(panel.path("type").asString())) {
				inside = "Meters, class loaders and sessions".equals(panel.path("title").asString());
				continue;
			}
			if (inside) {
				panel.path("targets").forEach((t) -> expressions.add(t.path("expr").asString()));
			}
		}
		assertThat(expressions).anyMatch((e) -> e.startsWith("memory_audit_meters{"))
			.anyMatch((e) -> e.startsWith("memory_audit_scrape_size_bytes{"))
			.anyMatch((e) -> e.startsWith("memory_audit_class_loaders{"))
			.anyMatch((e) -> e.contains("Metaspace|Compressed Class Space"))
			.anyMatch((e) -> e.startsWith("tomcat_sessions_active_current_sessions{"))
			.anyMatch((e) -> e.contains("METER_CARDINALITY_GROWING|CLASSES_GROWING|SESSIONS_GROWING|THREAD_LOCALS_GROWING|VIRTUAL_THREADS_PARKED_GROWING"));
	}

	@Test
	void firingAlertsAreAnnotatedAndTheRunbooksAreLinked() {
		JsonNode alerts = null;
		for (JsonNode annotation : this.dashboard.path("annotations").path("list")) {
			if ("memory-audit alerts".equals(annotation.path("name").asString())) {
				alerts = annotation;
			}
		}
		assertThat(alerts).as("the memory-audit alerts annotation").isNotNull();
		assertThat(alerts.path("target").path("expr").asString())
			.isEqualTo("ALERTS{alertname=~\"MemoryAudit.*\", alertstate=\"firing\", job=~\"$job\"}");
		assertThat(alerts.path("datasource").path("uid").asString()).isEqualTo("${datasource}");
		assertThat(alerts.path("textFormat").asString()).contains(DashboardFiles.RUNBOOKS);
		List<String> links = new ArrayList<>();
		this.dashboard.path("links").forEach((link) -> links.add(link.path("url").asString()));
		assertThat(links).contains(DashboardFiles.RUNBOOKS);
		assertThat(links).allMatch((url) -> url.startsWith("https://"));
	}

	@Test
	void directAndMappedBuffersHaveTheirPanel() {
		assertThat(DashboardFiles.expressions(DashboardFiles.panels(this.dashboard)).values())
			.anyMatch((e) -> e.startsWith("jvm_buffer_memory_used_bytes{") && e.contains("id=~\"direct|mapped\""))
			.anyMatch((e) -> e.startsWith("jvm_buffer_total_capacity_bytes{"));
	}

	private static JsonNode variable(JsonNode list, String name) {
		for (JsonNode variable : list) {
			if (name.equals(variable.path("name").asString())) {
				return variable;
			}
		}
		throw new AssertionError("no templating variable " + name);
	}

}
