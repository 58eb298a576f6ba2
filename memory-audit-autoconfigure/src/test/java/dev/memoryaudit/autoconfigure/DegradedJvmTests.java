package dev.memoryaudit.autoconfigure;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import javax.management.ObjectName;

import dev.memoryaudit.actuate.HeapDiffEndpoint;
import dev.memoryaudit.actuate.MemorySnapshotsEndpoint;
import dev.memoryaudit.actuate.MemoryTrendEndpoint;
import dev.memoryaudit.actuate.ReportFormat;
import dev.memoryaudit.engine.MemoryAuditEngine;
import dev.memoryaudit.fd.FdTypeReader;
import dev.memoryaudit.fd.FdTypeSampler;
import dev.memoryaudit.histogram.HistogramCapturer;
import dev.memoryaudit.histogram.HistogramUnavailableException;
import dev.memoryaudit.metrics.LeakMetrics;
import dev.memoryaudit.snapshot.GcMonitor;
import dev.memoryaudit.snapshot.PlatformProcessProbe;
import dev.memoryaudit.snapshot.ProcessProbe;
import dev.memoryaudit.snapshot.Snapshot;
import dev.memoryaudit.trend.TrendReport;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointAutoConfiguration;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Simulates JVMs and platforms that lack what memory-audit reads, by overriding its {@code @ConditionalOnMissingBean}
 * beans with degraded ones or hiding classes: the context starts in each, snapshots still work, and
 * {@code memorytrend}'s {@code notes} say what is unavailable and why.
 */
class DegradedJvmTests {

	private static final Path MISSING = Path.of("/nonexistent-memory-audit-test/proc/self");

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MemoryAuditAutoConfiguration.class,
				MemoryAuditEndpointAutoConfiguration.class, MemoryAuditMetricsAutoConfiguration.class,
				MemoryAuditHealthAutoConfiguration.class, EndpointAutoConfiguration.class,
				WebEndpointAutoConfiguration.class, MetricsAutoConfiguration.class,
				CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class))
		.withPropertyValues("memory.audit.snapshot.initial-delay=1h",
				"management.endpoints.web.exposure.include=memorytrend,heapdiff,memorysnapshots",
				"management.metrics.use-global-registry=false");

	@Test
	void noDiagnosticCommandMBean() {
		this.runner.withUserConfiguration(NoDiagnosticCommand.class)
			.withPropertyValues("memory.audit.histogram.min-interval=0s")
			.run((context) -> {
			TrendReport report = tickAndReport(context);
			assertThat(report.notes()).anySatisfy((note) -> assertThat(note)
				.contains("DiagnosticCommand MBean not registered (OpenJ9-like JVM)"));
			WebEndpointResponse<Object> diff = context.getBean(HeapDiffEndpoint.class).diff(null, null, null,
					ReportFormat.JSON);
			assertThat(diff.getStatus()).isEqualTo(404);
			assertThat(diff.getBody().toString()).contains("no two histograms to diff: ")
				.contains("DiagnosticCommand MBean not registered");
			WebEndpointResponse<Object> capture = context.getBean(MemorySnapshotsEndpoint.class).capture();
			assertThat(capture.getStatus()).isEqualTo(200);
			assertThat(capture.getBody().toString()).contains("DiagnosticCommand MBean not registered");
		});
	}

	@Test
	void noProcFilesystem() {
		this.runner.withUserConfiguration(NoProc.class).run((context) -> {
			Snapshot snapshot = context.getBean(MemoryAuditEngine.class).tick(0L);
			assertThat(snapshot.rssBytes()).isNull();
			assertThat(snapshot.extraSeries()).noneSatisfy((name, value) -> assertThat(name).startsWith("fd."));
			TrendReport report = tickAndReport(context);
			assertThat(report.notes()).anySatisfy((note) -> assertThat(note).startsWith("RSS unavailable: ")
				.contains(MISSING.toString()));
			assertThat(report.notes()).anySatisfy(
					(note) -> assertThat(note).startsWith("file descriptors by type unavailable: ")
						.contains(MISSING.toString()));
		});
	}

	@Test
	void noUnixOperatingSystemMXBean() {
		this.runner.withUserConfiguration(NoUnixBean.class).run((context) -> {
			Snapshot snapshot = context.getBean(MemoryAuditEngine.class).tick(0L);
			assertThat(snapshot.openFds()).isNull();
			assertThat(snapshot.maxFds()).isNull();
			assertThat(tickAndReport(context).notes()).anySatisfy((note) -> assertThat(note)
				.contains("file descriptors unavailable: no com.sun.management.UnixOperatingSystemMXBean"));
		});
	}

	@Test
	void gcNotificationsUnavailable() {
		this.runner.withUserConfiguration(NoGcNotifications.class).run((context) -> {
			assertThat(context).hasNotFailed();
			Snapshot snapshot = context.getBean(MemoryAuditEngine.class).tick(0L);
			assertThat(snapshot.gc().notificationsAvailable()).isFalse();
			assertThat(tickAndReport(context).notes()).contains(
					"GC notifications unavailable: the live set is read from pool collection usage");
		});
	}

	@Test
	void noCacheManagerOrExecutorsInTheContext() {
		// the context has no CacheManager, TaskExecutor or other beans an auditor could inspect
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed()
				.doesNotHaveBean(org.springframework.core.task.TaskExecutor.class)
				.doesNotHaveBean(java.util.concurrent.Executor.class);
			assertThat(tickAndReport(context).verdict()).isNotNull();
		});
	}

	@Test
	void noMicrometer() {
		this.runner.withClassLoader(new FilteredClassLoader("io.micrometer")).run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(LeakMetrics.class);
			assertThat(tickAndReport(context).verdict()).isNotNull();
		});
	}

	@Test
	void noActuator() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(MemoryAuditAutoConfiguration.class,
					MemoryAuditEndpointAutoConfiguration.class, MemoryAuditMetricsAutoConfiguration.class,
					MemoryAuditHealthAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate",
					"org.springframework.boot.health", "io.micrometer"))
			.withPropertyValues("memory.audit.snapshot.initial-delay=1h")
			.run((context) -> {
				assertThat(context).hasNotFailed().doesNotHaveBean(MemoryTrendEndpoint.class);
				MemoryAuditEngine engine = context.getBean(MemoryAuditEngine.class);
				engine.tick(0L);
				assertThat(engine.trend().snapshots()).isEqualTo(1);
			});
	}

	private static TrendReport tickAndReport(AssertableApplicationContext context) {
		assertThat(context).hasNotFailed();
		context.getBean(MemoryAuditEngine.class).tick(0L);
		WebEndpointResponse<Object> response = context.getBean(MemoryTrendEndpoint.class).trend(ReportFormat.JSON);
		assertThat(response.getStatus()).isEqualTo(200);
		return (TrendReport) response.getBody();
	}

	@Configuration(proxyBeanMethods = false)
	static class NoDiagnosticCommand {

		@Bean
		HistogramCapturer histogramCapturer() {
			return new HistogramCapturer((live, threads) -> {
				throw new HistogramUnavailableException("class histograms unavailable: DiagnosticCommand MBean not "
						+ "registered (OpenJ9-like JVM)");
			}, 50, 1, Clock.systemUTC());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class NoProc {

		@Bean
		ProcessProbe processProbe() {
			return new PlatformProcessProbe(MISSING.resolve("status"), ManagementFactory.getOperatingSystemMXBean());
		}

		@Bean
		FdTypeSampler fdTypeSampler() {
			return new FdTypeSampler(new FdTypeReader(MISSING.resolve("fd"), 100, Duration.ofMillis(50),
					Clock.systemUTC()));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class NoUnixBean {

		@Bean
		ProcessProbe processProbe() {
			return new PlatformProcessProbe(Path.of("/proc/self/status"), new PlainOperatingSystem());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class NoGcNotifications {

		@Bean(destroyMethod = "close")
		GcMonitor gcMonitor() {
			GcMonitor monitor = new GcMonitor(List.of(), Set.of());
			assertThat(monitor.start()).isFalse();
			return monitor;
		}

	}

	/**
	 * An operating-system bean like Windows' or a JVM without {@code com.sun.management}: no descriptor counts.
	 */
	static final class PlainOperatingSystem implements OperatingSystemMXBean {

		@Override
		public String getName() {
			return "Plan 9";
		}

		@Override
		public String getArch() {
			return "none";
		}

		@Override
		public String getVersion() {
			return "0";
		}

		@Override
		public int getAvailableProcessors() {
			return 1;
		}

		@Override
		public double getSystemLoadAverage() {
			return -1;
		}

		@Override
		public ObjectName getObjectName() {
			return null;
		}

	}

}
