package dev.memoryaudit.autoconfigure;

import java.time.Duration;

import dev.memoryaudit.actuate.HeapDiffEndpoint;
import dev.memoryaudit.actuate.MemorySnapshotsEndpoint;
import dev.memoryaudit.actuate.MemoryTrendEndpoint;
import dev.memoryaudit.engine.ConfirmationMode;
import dev.memoryaudit.engine.EngineSettings;
import dev.memoryaudit.engine.MemoryAuditEngine;
import dev.memoryaudit.engine.SnapshotScheduler;
import dev.memoryaudit.snapshot.FixedProcessProbe;
import dev.memoryaudit.snapshot.GcMonitor;
import dev.memoryaudit.snapshot.ProcessProbe;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MemoryAuditAutoConfiguration} and {@link MemoryAuditEndpointAutoConfiguration}.
 */
class MemoryAuditAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MemoryAuditAutoConfiguration.class,
				MemoryAuditEndpointAutoConfiguration.class, EndpointAutoConfiguration.class,
				WebEndpointAutoConfiguration.class))
		.withPropertyValues("memory.audit.snapshot.initial-delay=1h");

	@Test
	void defaultsCreateTheEngineWithDocumentedSettings() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(MemoryAuditEngine.class)
				.hasSingleBean(SnapshotScheduler.class)
				.hasSingleBean(GcMonitor.class)
				.hasSingleBean(ProcessProbe.class);
			EngineSettings settings = context.getBean(MemoryAuditEngine.class).settings();
			EngineSettings defaults = EngineSettings.defaults();
			assertThat(settings.snapshotHistorySize()).isEqualTo(1440);
			assertThat(settings.histogramHistorySize()).isEqualTo(48);
			assertThat(settings.histogramInterval()).isEqualTo(Duration.ofMinutes(60));
			assertThat(settings.histogramMinInterval()).isEqualTo(Duration.ofMinutes(5));
			assertThat(settings.topClasses()).isEqualTo(200);
			assertThat(settings.thresholds()).isEqualTo(defaults.thresholds());
			assertThat(settings.confirmationMode()).isEqualTo(ConfirmationMode.AUTO);
			assertThat(settings.confirmationAfter()).isEqualTo(5);
			// min-interval unset: 10 snapshot intervals
			assertThat(settings.confirmationMinInterval()).isEqualTo(Duration.ofMinutes(10));
			assertThat(settings.confirmationMaxPause()).isEqualTo(Duration.ofMillis(200));
			assertThat(settings.pauseBudget()).isEqualTo(0.001);
			assertThat(context.getBean(SnapshotScheduler.class).interval()).isEqualTo(Duration.ofMinutes(1));
			assertThat(context).hasSingleBean(dev.memoryaudit.marking.GcLogMarkingSource.class);
		});
	}

	@Test
	void eachPropertyIsBound() {
		this.runner
			.withPropertyValues("memory.audit.snapshot.interval=5s", "memory.audit.snapshot.history-size=100",
					"memory.audit.histogram.interval=10m", "memory.audit.histogram.min-interval=30s",
					"memory.audit.histogram.top-classes=50", "memory.audit.histogram.history-size=7",
					"memory.audit.histogram.escalation=1", "memory.audit.trend.warmup=2m",
					"memory.audit.trend.min-points=20", "memory.audit.trend.window=1h",
					"memory.audit.trend.significance=0.001", "memory.audit.trend.min-growth-rate=0.01",
					"memory.audit.trend.noise-factor=5", "memory.audit.trend.saturation-ratio=0.4",
					"memory.audit.trend.recent-fraction=0.25", "memory.audit.trend.min-reclaimed-points=5",
					"memory.audit.trend.reclaimed-significance=0.02", "memory.audit.trend.leak-warmup=3h",
					"memory.audit.confirmation.mode=live-histogram",
					"memory.audit.confirmation.after=6", "memory.audit.confirmation.min-interval=30s",
					"memory.audit.confirmation.max-pause=50ms", "memory.audit.confirmation.pause-budget=0.002",
					"memory.audit.marking.enabled=false")
			.run((context) -> {
				EngineSettings settings = context.getBean(MemoryAuditEngine.class).settings();
				assertThat(context.getBean(SnapshotScheduler.class).interval()).isEqualTo(Duration.ofSeconds(5));
				assertThat(settings.snapshotHistorySize()).isEqualTo(100);
				assertThat(settings.histogramInterval()).isEqualTo(Duration.ofMinutes(10));
				assertThat(settings.histogramMinInterval()).isEqualTo(Duration.ofSeconds(30));
				assertThat(settings.topClasses()).isEqualTo(50);
				assertThat(settings.histogramHistorySize()).isEqualTo(7);
				assertThat(settings.escalationHistograms()).isEqualTo(1);
				assertThat(settings.thresholds().warmup()).isEqualTo(Duration.ofMinutes(2));
				assertThat(settings.thresholds().minPoints()).isEqualTo(20);
				assertThat(settings.thresholds().window()).isEqualTo(Duration.ofHours(1));
				assertThat(settings.thresholds().significance()).isEqualTo(0.001);
				assertThat(settings.thresholds().minGrowthRate()).isEqualTo(0.01);
				assertThat(settings.thresholds().noiseFactor()).isEqualTo(5);
				assertThat(settings.thresholds().saturationRatio()).isEqualTo(0.4);
				assertThat(settings.thresholds().recentFraction()).isEqualTo(0.25);
				assertThat(settings.thresholds().minReclaimedPoints()).isEqualTo(5);
				assertThat(settings.thresholds().reclaimedSignificance()).isEqualTo(0.02);
				assertThat(settings.thresholds().leakWarmup()).isEqualTo(Duration.ofHours(3));
				assertThat(settings.confirmationMode()).isEqualTo(ConfirmationMode.LIVE_HISTOGRAM);
				assertThat(settings.confirmationAfter()).isEqualTo(6);
				assertThat(settings.confirmationMinInterval()).isEqualTo(Duration.ofSeconds(30));
				assertThat(settings.confirmationMaxPause()).isEqualTo(Duration.ofMillis(50));
				assertThat(settings.pauseBudget()).isEqualTo(0.002);
				assertThat(context).doesNotHaveBean(dev.memoryaudit.marking.GcLogMarkingSource.class);
			});
	}

	@Test
	void confirmationMinIntervalDefaultsToTenSnapshotIntervals() {
		this.runner.withPropertyValues("memory.audit.snapshot.interval=2s")
			.run((context) -> assertThat(context.getBean(MemoryAuditEngine.class).settings().confirmationMinInterval())
				.isEqualTo(Duration.ofSeconds(20)));
	}

	@Test
	void markingLogIsOnByDefaultInAPrivateDirectoryAndRemovedOnClose() {
		java.util.concurrent.atomic.AtomicReference<java.nio.file.Path> directory = new java.util.concurrent.atomic.AtomicReference<>();
		this.runner.run((context) -> {
			dev.memoryaudit.marking.GcLogMarkingSource source = context
				.getBean(dev.memoryaudit.marking.GcLogMarkingSource.class);
			// the build's JVM runs G1 (the default collector on 2 or more cores), whose marking log is turned on at
			// run time; on a single-core machine the default is Serial, which needs no log
			org.junit.jupiter.api.Assumptions.assumeTrue(source.collector().equals("G1"),
					() -> "this JVM runs " + source.collector() + ", not G1: " + source.unavailableReason());
			assertThat(source.unavailableReason()).isNull();
			assertThat(source.directory()).isNotNull();
			assertThat(java.nio.file.Files.getPosixFilePermissions(source.directory()))
				.isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
			directory.set(source.directory());
		});
		assertThat(directory.get()).doesNotExist();
	}

	@Test
	void invalidPauseBudgetIsRejectedWithTheAllowedRange() {
		this.runner.withPropertyValues("memory.audit.confirmation.pause-budget=0.5")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("memory.audit.confirmation.pause-budget"));
	}

	@Test
	void disabledRegistersNothing() {
		this.runner.withPropertyValues("memory.audit.enabled=false",
				"management.endpoints.web.exposure.include=memorytrend,heapdiff,memorysnapshots")
			.run((context) -> assertThat(context).doesNotHaveBean(MemoryAuditEngine.class)
				.doesNotHaveBean(SnapshotScheduler.class)
				.doesNotHaveBean(GcMonitor.class)
				.doesNotHaveBean(MemoryTrendEndpoint.class));
	}

	@Test
	void userBeansWin() {
		this.runner.withUserConfiguration(CustomProbe.class).run((context) -> {
			assertThat(context).hasSingleBean(ProcessProbe.class);
			assertThat(context.getBean(ProcessProbe.class)).isSameAs(context.getBean("customProbe"));
		});
	}

	@Test
	void endpointsAreNotCreatedUnlessExposed() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(MemoryTrendEndpoint.class)
			.doesNotHaveBean(HeapDiffEndpoint.class)
			.doesNotHaveBean(MemorySnapshotsEndpoint.class));
	}

	@Test
	void exposedEndpointsAreCreated() {
		this.runner
			.withPropertyValues("management.endpoints.web.exposure.include=memorytrend,heapdiff,memorysnapshots")
			.run((context) -> assertThat(context).hasSingleBean(MemoryTrendEndpoint.class)
				.hasSingleBean(HeapDiffEndpoint.class)
				.hasSingleBean(MemorySnapshotsEndpoint.class));
	}

	@Test
	void endpointWithAccessNoneIsNotCreated() {
		this.runner
			.withPropertyValues("management.endpoints.web.exposure.include=memorytrend,heapdiff",
					"management.endpoint.heapdiff.access=NONE")
			.run((context) -> assertThat(context).hasSingleBean(MemoryTrendEndpoint.class)
				.doesNotHaveBean(HeapDiffEndpoint.class));
	}

	@Test
	void withoutActuatorTheEngineStillRuns() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(MemoryAuditAutoConfiguration.class,
					MemoryAuditEndpointAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate"))
			.withPropertyValues("memory.audit.snapshot.initial-delay=1h")
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(MemoryAuditEngine.class)
				.doesNotHaveBean(MemoryTrendEndpoint.class));
	}

	@Test
	void invalidIntervalFailsStartupNamingTheProperty() {
		this.runner.withPropertyValues("memory.audit.snapshot.interval=-5s").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("memory.audit.snapshot.interval must be a positive duration");
		});
	}

	@Test
	void invalidMinPointsFailsStartupNamingTheProperty() {
		this.runner.withPropertyValues("memory.audit.trend.min-points=1").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("memory.audit.trend.min-points must be at least 3, was 1");
		});
	}

	@Test
	void negativeLeakWarmupFailsStartupNamingTheProperty() {
		this.runner.withPropertyValues("memory.audit.trend.leak-warmup=-1m").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("memory.audit.trend.leak-warmup");
		});
	}

	@Test
	void invalidSignificanceFailsStartup() {
		this.runner.withPropertyValues("memory.audit.trend.significance=2").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("memory.audit.trend.significance must be between");
		});
	}

	@Test
	void unknownConfirmationModeFailsStartup() {
		this.runner.withPropertyValues("memory.audit.confirmation.mode=sometimes").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).hasStackTraceContaining("memory.audit.confirmation.mode");
		});
	}

	@Test
	void schedulerThreadStopsWhenTheContextCloses() {
		long before = threadsNamed(SnapshotScheduler.THREAD_NAME);
		this.runner.withPropertyValues("memory.audit.snapshot.initial-delay=0s", "memory.audit.snapshot.interval=50ms")
			.run((context) -> {
				MemoryAuditEngine engine = context.getBean(MemoryAuditEngine.class);
				long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
				while (engine.snapshots().size() < 2 && System.nanoTime() < deadline) {
					Thread.sleep(20);
				}
				assertThat(engine.snapshots()).hasSizeGreaterThanOrEqualTo(2);
				assertThat(threadsNamed(SnapshotScheduler.THREAD_NAME)).isEqualTo(before + 1);
			});
		assertThat(threadsNamed(SnapshotScheduler.THREAD_NAME)).isEqualTo(before);
	}

	@Test
	void openingAndClosingThirtyContextsLeavesNoThreadBehind() throws InterruptedException {
		int before = Thread.activeCount();
		long ourBefore = threadsStartingWith("memory-audit-");
		for (int i = 0; i < 30; i++) {
			this.runner
				.withPropertyValues("memory.audit.snapshot.initial-delay=0s", "memory.audit.snapshot.interval=10ms")
				.run((context) -> assertThat(context).hasNotFailed());
		}
		// an executor reports termination just before its worker thread has exited; allow that moment
		long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
		while (threadsStartingWith("memory-audit-") > ourBefore && System.nanoTime() < deadline) {
			Thread.sleep(10);
		}
		assertThat(threadsStartingWith("memory-audit-")).isEqualTo(ourBefore);
		assertThat(Thread.activeCount()).isLessThanOrEqualTo(before + 2);
	}

	static long threadsNamed(String name) {
		return Thread.getAllStackTraces().keySet().stream().filter((t) -> t.getName().equals(name)).count();
	}

	static long threadsStartingWith(String prefix) {
		return Thread.getAllStackTraces().keySet().stream().filter((t) -> t.getName().startsWith(prefix)).count();
	}

	@Configuration(proxyBeanMethods = false)
	static class CustomProbe {

		@Bean
		ProcessProbe customProbe() {
			return FixedProcessProbe.none();
		}

	}

}
