package dev.memoryaudit.sample.prometheus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the dashboard JSON and the alert rules from {@code docs/}: panels (recursively through collapsed rows), their
 * PromQL expressions, and the alerting rules.
 */
final class DashboardFiles {

	static final Path DOCS = Path.of("..", "docs");

	static final Path DASHBOARD = DOCS.resolve("grafana/memory-audit-dashboard.json");

	static final Path ALERTS = DOCS.resolve("prometheus/alerts.yml");

	static final Path FLEET_RULES = DOCS.resolve("prometheus/fleet-rules.yml");

	/** The row whose panels read the recording rules of fleet-rules.yml. */
	static final String FLEET_BY_VERSION = "Fleet by version";

	/** Where the alerts' runbook_url and the dashboard's links point by default (docs/prometheus/runbook-base.sh). */
	static final String RUNBOOKS = "https://github.com/memory-audit/memory-audit/blob/main/docs/alerting.md";

	private DashboardFiles() {
	}

	static JsonNode dashboard() {
		return JsonMapper.builder().build().readTree(read(DASHBOARD));
	}

	/**
	 * Every panel that is not a row, whether at the top level or nested in a collapsed row.
	 */
	static List<JsonNode> panels(JsonNode dashboard) {
		List<JsonNode> panels = new ArrayList<>();
		collect(dashboard.path("panels"), panels);
		return panels;
	}

	/**
	 * Every panel, rows included.
	 */
	static List<JsonNode> allPanels(JsonNode dashboard) {
		List<JsonNode> all = new ArrayList<>();
		for (JsonNode panel : dashboard.path("panels")) {
			all.add(panel);
			panel.path("panels").forEach(all::add);
		}
		return all;
	}

	/**
	 * The panels of the row with this title, whether nested in it (collapsed) or following it (expanded).
	 */
	static List<JsonNode> rowPanels(JsonNode dashboard, String title) {
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
		return panels;
	}

	/**
	 * Every panel that is not a row, except those of the row with this title.
	 */
	static List<JsonNode> panelsOutside(JsonNode dashboard, String title) {
		List<Integer> excluded = rowPanels(dashboard, title).stream().map((p) -> p.path("id").asInt()).toList();
		return panels(dashboard).stream().filter((p) -> !excluded.contains(p.path("id").asInt())).toList();
	}

	private static void collect(JsonNode list, List<JsonNode> into) {
		for (JsonNode panel : list) {
			if ("row".equals(panel.path("type").asString())) {
				collect(panel.path("panels"), into);
			}
			else {
				into.add(panel);
			}
		}
	}

	/**
	 * Panel title and target refId to expression, in dashboard order.
	 */
	static Map<String, String> expressions(List<JsonNode> panels) {
		Map<String, String> expressions = new LinkedHashMap<>();
		for (JsonNode panel : panels) {
			for (JsonNode target : panel.path("targets")) {
				expressions.put(panel.path("id").asInt() + " " + panel.path("title").asString() + " "
						+ target.path("refId").asString(), target.path("expr").asString());
			}
		}
		return expressions;
	}

	/**
	 * The rules of a rules file as maps (alert, expr, for, labels, annotations; or record, expr, labels).
	 */
	@SuppressWarnings("unchecked")
	static List<Map<String, Object>> alertRules(String yaml) {
		Map<String, Object> root = new Yaml().load(yaml);
		List<Map<String, Object>> rules = new ArrayList<>();
		for (Map<String, Object> group : (List<Map<String, Object>>) root.get("groups")) {
			rules.addAll((List<Map<String, Object>>) group.get("rules"));
		}
		return rules;
	}

	/**
	 * The recording rules of a rules file as maps (record, expr, labels).
	 */
	static List<Map<String, Object>> recordingRules(String yaml) {
		return alertRules(yaml).stream().filter((rule) -> rule.containsKey("record")).toList();
	}

	static String read(Path path) {
		try {
			return Files.readString(path);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
