package dev.memoryaudit.audit.meters;

import java.util.List;
import java.util.Map;

import dev.memoryaudit.audit.AuditHarness;
import dev.memoryaudit.audit.AuditReport;
import dev.memoryaudit.audit.Finding;
import dev.memoryaudit.audit.ProbeRow;
import dev.memoryaudit.audit.Severity;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drives {@link MeterCardinalityProbe} through a real auditor and real snapshots over real Micrometer registries.
 */
class MeterCardinalityProbeTests {

	@Test
	void aTagWithGrowingValuesIsNamedWithExamplesAndTheFix() {
		MeterRegistry registry = new SimpleMeterRegistry();
		steadyMeters(registry);
		AuditHarness harness = harness(registry, MeterCardinalityProbe.Settings.defaults());
		AuditReport report = null;
		for (int tick = 0; tick < 10; tick++) {
			for (int i = 0; i < 20; i++) {
				int user = tick * 20 + i;
				Counter.builder("orders.placed").tag("user.id", "u-" + user).tag("region", "eu").register(registry)
					.increment();
			}
			report = harness.tick();
		}
		Finding finding = report.findings()
			.stream()
			.filter((f) -> f.severity() == Severity.METER_CARDINALITY_GROWING)
			.findFirst()
			.orElseThrow(() -> new AssertionError("no finding in " + probeRow(harness)));
		assertThat(finding.structure()).isEqualTo("orders.placed");
		assertThat(finding.message()).contains("tag 'user.id' has 200 distinct values, e.g. u-0, u-1, u-10");
		assertThat(finding.fix()).contains("MeterFilter.maximumAllowableTags(\"orders.placed\", \"user.id\", 100,")
			.contains("MeterFilter.ignoreTags(\"user.id\")");
		assertThat(report.verdict().isGrowth()).isTrue();
		assertThat(report.findings()).filteredOn((f) -> f.severity() == Severity.METER_CARDINALITY_GROWING)
			.hasSize(1);
	}

	@Test
	void aRegistryThatDoesNotGrowRaisesNothingAndReportsItsFigures() {
		MeterRegistry registry = new SimpleMeterRegistry();
		steadyMeters(registry);
		AuditHarness harness = harness(registry, MeterCardinalityProbe.Settings.defaults());
		AuditReport report = null;
		for (int tick = 0; tick < 10; tick++) {
			Counter.builder("http.client.requests").tag("uri", "/orders/{id}").register(registry).increment();
			report = harness.tick();
		}
		assertThat(report.findings()).noneMatch((f) -> f.severity() == Severity.METER_CARDINALITY_GROWING);
		ProbeRow row = probeRow(harness);
		assertThat(row.unavailable()).isNull();
		assertThat(row.figures().get("meters")).isEqualTo(31);
		assertThat(row.summary()).contains("31 meters under 2 names").doesNotContain("scrape");
		assertThat(row.notes()).anyMatch((n) -> n.contains("no registry renders a scrape"));
	}

	@Test
	@SuppressWarnings("unchecked")
	void distinctValuesAndTrackedNamesAreCapped() {
		MeterRegistry registry = new SimpleMeterRegistry();
		for (int i = 0; i < 50; i++) {
			Counter.builder("wide").tag("id", "v" + i).register(registry);
			Counter.builder("name" + i).register(registry);
		}
		MeterCardinalityProbe probe = new MeterCardinalityProbe(() -> registry,
				new MeterCardinalityProbe.Settings(3, 20, 10, 50, 1024, 0));
		AuditHarness harness = new AuditHarness(100, List.of(), List.of(probe));
		harness.tick();
		ProbeRow row = probeRow(harness);
		List<Map<String, Object>> tracked = (List<Map<String, Object>>) row.figures().get("tracked");
		assertThat(tracked).hasSize(3);
		assertThat(row.trends()).extracting((t) -> t.series()).containsExactly(MeterCardinalityProbe.TOTAL);
		assertThat((int) row.figures().get("namesOverCap")).isPositive();
		assertThat(row.notes()).anyMatch((n) -> n.contains("beyond the 20 remembered"));
		tracked.stream().filter((t) -> "wide".equals(t.get("name"))).forEach((wide) -> {
			assertThat(((Map<String, Integer>) wide.get("distinctValuesPerTag")).get("id")).isEqualTo(10);
			assertThat((java.util.Set<String>) wide.get("tagsOverValueCap")).containsExactly("id");
		});
	}

	@Test
	void theScrapeIsRenderedEveryNthTickAndMeasuredInSamplesAndBytes() {
		ScrapingRegistry registry = new ScrapingRegistry();
		steadyMeters(registry);
		MeterCardinalityProbe probe = new MeterCardinalityProbe(() -> registry,
				new MeterCardinalityProbe.Settings(10, 2000, 1000, 50, 1024, 3));
		for (int tick = 0; tick < 7; tick++) {
			Map<String, Long> series = probe.sample();
			assertThat(series.containsKey(MeterCardinalityProbe.SCRAPE_BYTES)).as("tick " + tick)
				.isEqualTo(tick % 3 == 0);
		}
		assertThat(registry.scrapes).isEqualTo(3);
		Map<String, Long> first = new MeterCardinalityProbe(() -> registry,
				new MeterCardinalityProbe.Settings(10, 2000, 1000, 50, 1024, 1)).sample();
		assertThat(first.get(MeterCardinalityProbe.SCRAPE_SAMPLES)).isEqualTo(2);
		assertThat(first.get(MeterCardinalityProbe.SCRAPE_BYTES)).isEqualTo(ScrapingRegistry.TEXT.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
	}

	@Test
	void withoutARegistryTheRowSaysUnavailable() {
		MeterCardinalityProbe probe = new MeterCardinalityProbe(() -> null, MeterCardinalityProbe.Settings.defaults());
		assertThat(probe.sample()).isEmpty();
		ProbeRow row = probe.assess((key, unit, min) -> {
			throw new AssertionError(key);
		});
		assertThat(row.unavailable()).startsWith("unavailable: no MeterRegistry");
	}

	@Test
	void theOffendingTagIsTheOneWhoseValuesGrewMost() {
		assertThat(MeterCardinalityProbe.offendingTag(Map.of("uri", 90, "method", 2, "status", 5),
				Map.of("uri", 3, "method", 2, "status", 1))).isEqualTo("uri");
		assertThat(MeterCardinalityProbe.offendingTag(Map.of(), Map.of())).isNull();
		assertThat(MeterCardinalityProbe.fix("http.client.requests", "uri")).contains(".uri(\"/orders/{id}\", id)")
			.contains("RestClient");
	}

	private static void steadyMeters(MeterRegistry registry) {
		for (int i = 0; i < 30; i++) {
			Counter.builder("jvm.steady").tag("id", "s" + i).register(registry);
		}
	}

	private static AuditHarness harness(MeterRegistry registry, MeterCardinalityProbe.Settings settings) {
		return new AuditHarness(100, List.of(), List.of(new MeterCardinalityProbe(() -> registry, settings)));
	}

	private static ProbeRow probeRow(AuditHarness harness) {
		return harness.auditor.latest()
			.probes()
			.stream()
			.filter((p) -> p.probe().equals(MeterCardinalityProbe.NAME))
			.findFirst()
			.orElseThrow();
	}

	/**
	 * A registry that renders a fixed two-sample scrape, as PrometheusMeterRegistry renders its own.
	 */
	static final class ScrapingRegistry extends SimpleMeterRegistry {

		static final String TEXT = "# HELP a A\n# TYPE a gauge\na 1.0\nb{k=\"é\"} 2.0\n";

		int scrapes;

		public String scrape() {
			this.scrapes++;
			return TEXT;
		}

	}

}
