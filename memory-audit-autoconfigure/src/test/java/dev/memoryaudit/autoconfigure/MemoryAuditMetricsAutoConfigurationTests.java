package dev.memoryaudit.autoconfigure;

import java.util.List;
import java.util.Map;

import dev.memoryaudit.engine.MemoryAuditEngine;
import dev.memoryaudit.fd.FdTypeSampler;
import dev.memoryaudit.actuate.MemoryHealthIndicator;
import dev.memoryaudit.lag.LagMonitor;
import dev.memoryaudit.trend.SeriesAssessment;
import dev.memoryaudit.trend.SeriesDefinition;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class MemoryAuditMetricsAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MemoryAuditAutoConfiguration.class,
				MemoryAuditMetricsAutoConfiguration.class, MemoryAuditHealthAutoConfiguration.class,
				MetricsAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
				CompositeMeterRegistryAutoConfiguration.class))
		.withPropertyValues("memory.audit.snapshot.initial-delay=1h", "memory.audit.histogram.interval=0s");

	@Test
	void registersSamplersMetersAndHealthByDefault() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(FdTypeSampler.class).hasSingleBean(LagMonitor.class);
			assertThat(context).hasBean("memoryHealthIndicator");
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			for (String name : List.of("memory.audit.fd.open", "memory.audit.fd.usage", "memory.audit.fd.truncated",
					"memory.audit.lag", "memory.audit.snapshot.start.lag", "memory.audit.rss",
					"memory.audit.native.unaccounted", "memory.audit.live", "memory.audit.live.growth",
					"memory.audit.leak.suspected", "memory.audit.heap.exhaustion")) {
				assertThat(registry.find(name).meter()).as(name).isNotNull();
			}
		});
	}

	@Test
	void fdSeriesJoinTheSnapshotsAndTheTrendReport() {
		this.runner.run((context) -> {
			assertThat(context.getBeansOfType(SeriesDefinition.class)).containsKeys("memoryAuditSeries.fd.socket",
					"memoryAuditSeries.fd.pipe", "memoryAuditSeries.fd.anon_inode", "memoryAuditSeries.fd.file",
					"memoryAuditSeries.fd.other");
			MemoryAuditEngine engine = context.getBean(MemoryAuditEngine.class);
			engine.tick(0L);
			assertThat(engine.snapshots().get(0).extraSeries()).containsKeys("fd.socket", "fd.pipe", "fd.file");
			SeriesAssessment socket = engine.trend().series("fd.socket");
			assertThat(socket).isNotNull();
			assertThat(socket.unit()).isEqualTo("fds");
		});
	}

	@Test
	void lagThreadRunsWithTheContextAndStopsWithIt() {
		Thread[] thread = new Thread[1];
		this.runner.withPropertyValues("memory.audit.lag.resolution=5ms").run((context) -> {
			LagMonitor monitor = context.getBean(LagMonitor.class);
			assertThat(monitor.resolution()).hasMillis(5);
			thread[0] = monitor.thread();
			assertThat(thread[0].isAlive()).isTrue();
		});
		assertThat(thread[0].isAlive()).isFalse();
	}

	@Test
	void switchesTurnPartsOff() {
		this.runner.withPropertyValues("memory.audit.lag.enabled=false", "memory.audit.fd.by-type=false",
				"management.health.memory.enabled=false").run((context) -> {
					assertThat(context).doesNotHaveBean(LagMonitor.class)
						.doesNotHaveBean(FdTypeSampler.class)
						.doesNotHaveBean(MemoryHealthIndicator.class);
					assertThat(context.getBeansOfType(SeriesDefinition.class)).isEmpty();
					MeterRegistry registry = context.getBean(MeterRegistry.class);
					assertThat(registry.find("memory.audit.lag").meter()).isNull();
					assertThat(registry.find("memory.audit.fd.open").meter()).isNull();
					assertThat(registry.find("memory.audit.fd.usage").meter()).isNotNull();
				});
	}

	@Test
	void memoryAuditDisabledRegistersNothing() {
		this.runner.withPropertyValues("memory.audit.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(LagMonitor.class).doesNotHaveBean(MemoryHealthIndicator.class);
			assertThat(context.getBean(MeterRegistry.class).find("memory.audit.live").meter()).isNull();
		});
	}

	@Test
	void invalidPropertiesFailWithTheirNames() {
		this.runner.withPropertyValues("memory.audit.lag.resolution=0ms")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("memory.audit.lag.resolution must be between 1ms and 1s"));
		this.runner.withPropertyValues("memory.audit.health.fd-usage-threshold=1.5")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("memory.audit.health.fd-usage-threshold must be between 0.0 and 1.0"));
		this.runner.withPropertyValues("memory.audit.fd.max-read=0")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("memory.audit.fd.max-read must be at least 1"));
	}

	@Test
	@SuppressWarnings("unchecked")
	void healthShowsRealResourcesAndIsUpUnderDefaultThresholds() {
		this.runner.run((context) -> {
			tickWithLiveSet(context.getBean(MemoryAuditEngine.class));
			Health health = context.getBean(MemoryHealthIndicator.class).health(true);
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			Map<String, Object> resources = (Map<String, Object>) health.getDetails().get("resources");
			assertThat(resources).containsKeys("liveSet", "fileDescriptors", "lag", "threads", "native", "trend");
			Map<String, Object> liveSet = (Map<String, Object>) resources.get("liveSet");
			assertThat((Long) liveSet.get("bytes")).isPositive();
			assertThat((Long) liveSet.get("maxBytes")).isGreaterThan((Long) liveSet.get("bytes"));
			Map<String, Object> fds = (Map<String, Object>) resources.get("fileDescriptors");
			assertThat((Long) fds.get("open")).isPositive();
			assertThat((Map<String, Long>) fds.get("byType")).containsKeys("socket", "pipe", "anon_inode", "file",
					"other");
			assertThat((Map<String, Object>) resources.get("lag")).containsKeys("p99Millis", "maxMillis");
			assertThat((Map<String, Object>) resources.get("native")).containsKeys("rssBytes", "unaccountedBytes");
		});
	}

	@Test
	void fdUsageThresholdFlipsStatusToDown() {
		this.runner.withPropertyValues("memory.audit.health.fd-usage-threshold=0.0000001").run((context) -> {
			Health health = context.getBean(MemoryHealthIndicator.class).health(true);
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails().get("crossed").toString())
				.contains("memory.audit.health.fd-usage-threshold");
		});
	}

	@Test
	void liveSetThresholdFlipsStatusToDown() {
		this.runner.withPropertyValues("memory.audit.health.live-set-threshold=0.0000001").run((context) -> {
			MemoryHealthIndicator indicator = context.getBean(MemoryHealthIndicator.class);
			assertThat(indicator.health(true).getStatus()).as("no live set known yet").isEqualTo(Status.UP);
			tickWithLiveSet(context.getBean(MemoryAuditEngine.class));
			Health health = indicator.health(true);
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails().get("crossed").toString())
				.contains("memory.audit.health.live-set-threshold");
		});
	}

	@Test
	void ourOwnPausesAndTicksAreMeasured() {
		this.runner.withConfiguration(AutoConfigurations.of(MemoryAuditAutoConfiguration.class))
			.withPropertyValues("memory.audit.snapshot.initial-delay=0s", "memory.audit.snapshot.interval=100ms",
					"memory.audit.histogram.min-interval=0s")
			.run((context) -> {
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				for (dev.memoryaudit.engine.PauseCause cause : dev.memoryaudit.engine.PauseCause.values()) {
					assertThat(registry.find("memory.audit.pause").tag("cause", cause.tag()).timer()).as(cause.tag())
						.isNotNull();
				}
				MemoryAuditEngine engine = context.getBean(MemoryAuditEngine.class);
				assertThat(engine.captureOnDemand().histogram()).isNotNull();
				io.micrometer.core.instrument.Timer histograms = registry.get("memory.audit.pause")
					.tag("cause", "histogram")
					.timer();
				assertThat(histograms.count()).isEqualTo(1);
				assertThat(histograms.totalTime(java.util.concurrent.TimeUnit.MILLISECONDS))
					.isEqualTo(engine.pauseBudget().totalMillis());
				long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
				while (registry.get("memory.audit.tick").timer().count() < 3 && System.nanoTime() < deadline) {
					Thread.sleep(50);
				}
				assertThat(registry.get("memory.audit.ticks").functionCounter().count()).isGreaterThanOrEqualTo(3);
				assertThat(registry.get("memory.audit.tick").timer().count()).isGreaterThanOrEqualTo(3);
				assertThat(registry.get("memory.audit.tick.failures").functionCounter().count()).isZero();
				assertThat(registry.get("memory.audit.tick.age").gauge().value()).isLessThan(5);
				assertThat(registry.get("memory.audit.snapshot.interval").gauge().value()).isEqualTo(0.1);
			});
	}

	/**
	 * Collects and ticks until a snapshot carries a live set; GC notifications arrive asynchronously.
	 */
	private static void tickWithLiveSet(MemoryAuditEngine engine) throws InterruptedException {
		for (int attempt = 0; attempt < 50; attempt++) {
			System.gc();
			Thread.sleep(100);
			if (engine.tick(0L).liveSetBytes() != null) {
				return;
			}
		}
		throw new AssertionError("no snapshot with a live set after 50 collections");
	}

}
