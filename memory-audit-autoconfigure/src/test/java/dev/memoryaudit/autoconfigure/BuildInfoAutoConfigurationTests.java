package dev.memoryaudit.autoconfigure;

import dev.memoryaudit.metrics.BuildInfoMetrics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.info.ProjectInfoAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which version {@code memory.audit.build.info} carries, with Boot's real project-info auto-configuration reading
 * build-info and git properties from test resources.
 */
class BuildInfoAutoConfigurationTests {

	private static final String BUILD_INFO = "spring.info.build.location=classpath:fleet/build-info.properties";

	private static final String GIT = "spring.info.git.location=classpath:fleet/git.properties";

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MemoryAuditAutoConfiguration.class,
				MemoryAuditMetricsAutoConfiguration.class, ProjectInfoAutoConfiguration.class,
				MetricsAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
				CompositeMeterRegistryAutoConfiguration.class))
		.withPropertyValues("memory.audit.snapshot.initial-delay=1h", "memory.audit.histogram.interval=0s",
				"memory.audit.lag.enabled=false");

	@Test
	void withoutAnySourceTheVersionIsUnknown() {
		this.runner.run((context) -> {
			assertThat(version(context.getBean(MeterRegistry.class))).isEqualTo("unknown");
			assertThat(context.getBean(BuildInfoMetrics.class).source()).isEqualTo("none");
		});
	}

	@Test
	void buildInfoVersionIsUsedWhenPresentAndBeatsGit() {
		this.runner.withPropertyValues(BUILD_INFO, GIT).run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(version(registry)).isEqualTo("2.7.1");
			assertThat(context.getBean(BuildInfoMetrics.class).source()).isEqualTo("build-info");
			Gauge gauge = registry.get("memory.audit.build.info").gauge();
			assertThat(gauge.value()).isEqualTo(1.0);
			assertThat(gauge.getId().getDescription()).contains("version");
			assertThat(registry.find("memory.audit.build.info").gauges()).as("one series per instance").hasSize(1);
		});
	}

	@Test
	void gitCommitIsUsedWithoutBuildInfo() {
		this.runner.withPropertyValues(GIT).run((context) -> {
			assertThat(version(context.getBean(MeterRegistry.class))).isEqualTo("4f2a9c1");
			assertThat(context.getBean(BuildInfoMetrics.class).source()).isEqualTo("git");
		});
	}

	@Test
	void configuredVersionBeatsBuildInfo() {
		this.runner.withPropertyValues(BUILD_INFO, GIT, "memory.audit.metrics.version=2.7.1-canary+4f2a9c1")
			.run((context) -> {
				assertThat(version(context.getBean(MeterRegistry.class))).isEqualTo("2.7.1-canary+4f2a9c1");
				assertThat(context.getBean(BuildInfoMetrics.class).source())
					.isEqualTo("memory.audit.metrics.version");
			});
	}

	@Test
	void invalidConfiguredVersionFailsWithThePropertyName() {
		// an empty value, e.g. ${APP_VERSION:} where the variable is missing, is an error, not "unknown"
		this.runner.withPropertyValues("memory.audit.metrics.version=")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("memory.audit.metrics.version must be 1 to 128 characters without control "
						+ "characters and not blank, was \"\""));
		this.runner.withPropertyValues("memory.audit.metrics.version=" + "1".repeat(129))
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("memory.audit.metrics.version must be 1 to 128 characters"));
		this.runner.withPropertyValues("memory.audit.metrics.version=1.0\u00072")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("memory.audit.metrics.version must be"));
	}

	@Test
	void aUserDefinedBinderReplacesOurs() {
		this.runner.withBean(BuildInfoMetrics.class, () -> new BuildInfoMetrics("from-user", "user"))
			.run((context) -> assertThat(version(context.getBean(MeterRegistry.class))).isEqualTo("from-user"));
	}

	@Test
	void memoryAuditDisabledRegistersNoBuildInfo() {
		this.runner.withPropertyValues("memory.audit.enabled=false", BUILD_INFO).run((context) -> {
			assertThat(context).doesNotHaveBean(BuildInfoMetrics.class);
			assertThat(context.getBean(MeterRegistry.class).find("memory.audit.build.info").meter()).isNull();
		});
	}

	private static String version(MeterRegistry registry) {
		return registry.get("memory.audit.build.info").gauge().getId().getTag("version");
	}

}
