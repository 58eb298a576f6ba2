package dev.memoryaudit.autoconfigure;

import java.nio.file.Files;
import java.nio.file.Path;

import dev.memoryaudit.engine.MemoryAuditEngine;
import dev.memoryaudit.heapdump.SpikeHeapDumper;
import dev.memoryaudit.snapshot.GcMonitor;
import dev.memoryaudit.trend.ReportSection;
import dev.memoryaudit.trend.TrendReport;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Heap dumps are off by default; switched on, a spike on a snapshot tick writes a real dump that the trend report
 * names and the {@code memory.audit.heapdump.count} counter counts.
 */
class MemoryAuditHeapDumpAutoConfigurationTests {

	@TempDir
	Path temp;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MemoryAuditAutoConfiguration.class,
				MemoryAuditHeapDumpAutoConfiguration.class, MetricsAutoConfiguration.class,
				CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class))
		.withPropertyValues("memory.audit.snapshot.initial-delay=1h", "management.metrics.use-global-registry=false");

	@Test
	void offByDefault() {
		this.runner.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(SpikeHeapDumper.class));
	}

	@Test
	void spikeOnATickWritesANamedCountedDump() {
		Path directory = this.temp.resolve("dumps");
		this.runner
			.withPropertyValues("memory.audit.heapdump.enabled=true", "memory.audit.heapdump.directory=" + directory,
					"memory.audit.heapdump.live-fraction=0.000001")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				MemoryAuditEngine engine = context.getBean(MemoryAuditEngine.class);
				// a reclaiming collection gives the GC monitor a live-set figure; its notification arrives
				// asynchronously
				GcMonitor gcMonitor = context.getBean(GcMonitor.class);
				long deadline = System.nanoTime() + 10_000_000_000L;
				while (gcMonitor.lastReclaimedFloor() == null && System.nanoTime() < deadline) {
					System.gc();
					Thread.sleep(50);
				}
				engine.tick(0L);
				SpikeHeapDumper dumper = context.getBean(SpikeHeapDumper.class);
				assertThat(dumper.ownFiles()).hasSize(1);
				assertThat(Files.size(directory.resolve(dumper.ownFiles().get(0)))).isGreaterThan(1_000_000);
				TrendReport report = engine.trend();
				ReportSection section = report.sections()
					.stream()
					.filter((s) -> s.getName().equals("heapdump"))
					.findFirst()
					.orElseThrow();
				assertThat(section.markdown()).contains(dumper.ownFiles().get(0)).contains("written")
					.contains("of the heap maximum");
				assertThat(context.getBean(MeterRegistry.class).get("memory.audit.heapdumps").functionCounter()
					.count()).isEqualTo(1.0);
			});
	}

	@Test
	void invalidSettingsNameTheProperty() {
		this.runner.withPropertyValues("memory.audit.heapdump.enabled=true", "memory.audit.heapdump.max-count=0")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("memory.audit.heapdump.max-count must be at least 1, was 0"));
	}

}
