package dev.memoryaudit.autoconfigure;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import dev.memoryaudit.container.CgroupLocation;
import dev.memoryaudit.container.ContainerMemorySampler;
import dev.memoryaudit.container.ContainerReport;
import dev.memoryaudit.engine.MemoryAuditEngine;
import dev.memoryaudit.actuate.MemoryHealthIndicator;
import dev.memoryaudit.metrics.ContainerMetrics;
import dev.memoryaudit.trend.ReportSection;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The container auto-configuration in an application context: by default the cgroup is read on every tick, the
 * {@code container} section joins the trend report, its meters are registered and the {@code memory} health component
 * carries its figures; {@code memory.audit.container.enabled=false} removes all of it; a user's sampler wins; without
 * a cgroup everything else goes on.
 */
class MemoryAuditContainerAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MemoryAuditAutoConfiguration.class,
				MemoryAuditContainerAutoConfiguration.class, MemoryAuditMetricsAutoConfiguration.class,
				MemoryAuditHealthAutoConfiguration.class, MetricsAutoConfiguration.class,
				SimpleMetricsExportAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class))
		.withPropertyValues("memory.audit.snapshot.initial-delay=1h", "memory.audit.histogram.interval=0s",
				"memory.audit.marking.enabled=false");

	@Test
	@EnabledOnOs(OS.LINUX)
	void readsTheCgroupOnEveryTickAndReportsIt() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(ContainerMemorySampler.class)
				.hasSingleBean(ContainerReport.class)
				.hasSingleBean(ContainerMetrics.class);
			MemoryAuditEngine engine = context.getBean(MemoryAuditEngine.class);
			engine.tick(0L);
			assertThat(engine.snapshots().get(0).extraSeries()).containsKeys(ContainerMemorySampler.USAGE,
					ContainerMemorySampler.WORKING_SET);
			ReportSection section = engine.trend()
				.sections()
				.stream()
				.filter((s) -> s.getName().equals("container"))
				.findFirst()
				.orElseThrow();
			assertThat(((Map<?, ?>) section.getBody()).get("available")).isEqualTo(true);
			assertThat(section.markdown()).startsWith("## Container memory");
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			for (String name : List.of("memory.audit.container.limit", "memory.audit.container.usage",
					"memory.audit.container.working.set", "memory.audit.container.page.cache",
					"memory.audit.container.swap", "memory.audit.container.exhaustion",
					"memory.audit.container.oom.kills", "memory.audit.container.limit.hits")) {
				assertThat(registry.find(name).meter()).as(name).isNotNull();
			}
			assertThat(registry.get("memory.audit.container.usage").gauge().value()).isPositive();
			assertThat(registry.find("memory.audit.container.breakdown").tag("part", "heap").gauge()).isNotNull();
			Health health = context.getBean(MemoryHealthIndicator.class).health(true);
			Map<?, ?> resources = (Map<?, ?>) health.getDetails().get("resources");
			assertThat(((Map<?, ?>) resources.get("container")).keySet()).map(String::valueOf)
				.contains("limited", "workingSetBytes", "summary");
		});
	}

	@Test
	void disabledLeavesNoTrace() {
		this.runner.withPropertyValues("memory.audit.container.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(ContainerMemorySampler.class)
				.doesNotHaveBean(ContainerReport.class)
				.doesNotHaveBean(ContainerMetrics.class);
			MemoryAuditEngine engine = context.getBean(MemoryAuditEngine.class);
			engine.tick(0L);
			assertThat(engine.snapshots().get(0).extraSeries()).doesNotContainKey(ContainerMemorySampler.USAGE);
			assertThat(engine.trend().sections()).noneMatch((s) -> s.getName().equals("container"));
		});
	}

	@Test
	void withoutACgroupTheSectionSaysWhyAndTheRestGoesOn() {
		this.runner.withBean(ContainerMemorySampler.class,
				() -> new ContainerMemorySampler(CgroupLocation.unavailable("no memory cgroup: test"), Clock.systemUTC()))
			.run((context) -> {
				MemoryAuditEngine engine = context.getBean(MemoryAuditEngine.class);
				engine.tick(0L);
				assertThat(engine.trend().sections()).filteredOn((s) -> s.getName().equals("container"))
					.singleElement()
					.satisfies((s) -> assertThat(s.markdown()).contains("unavailable: no memory cgroup: test"));
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(registry.get("memory.audit.container.usage").gauge().value()).isNaN();
				assertThat(context.getBean(MemoryHealthIndicator.class).health(true).getStatus().getCode())
					.isEqualTo("UP");
			});
	}

	@Test
	void rejectsANonPositiveHorizon() {
		this.runner.withPropertyValues("memory.audit.container.horizon=0s")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("memory.audit.container.horizon"));
	}

}
