package dev.memoryaudit.autoconfigure;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.time.Clock;

import dev.memoryaudit.engine.MemoryAuditEngine;
import dev.memoryaudit.heapdump.DiskSpace;
import dev.memoryaudit.heapdump.HeapDumpSettings;
import dev.memoryaudit.heapdump.HeapDumper;
import dev.memoryaudit.heapdump.SpikeHeapDumper;
import dev.memoryaudit.metrics.HeapDumpMetrics;
import dev.memoryaudit.snapshot.GcMonitor;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration of spike-triggered heap dumps, on only with {@code memory.audit.heapdump.enabled=true}. The
 * dumper is checked on every snapshot tick and adds a {@code heapdump} section to {@code memorytrend}.
 */
@AutoConfiguration(after = MemoryAuditAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "memory.audit.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "memory.audit.heapdump.enabled")
@EnableConfigurationProperties(MemoryAuditHeapDumpProperties.class)
public final class MemoryAuditHeapDumpAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	SpikeHeapDumper memoryAuditSpikeHeapDumper(MemoryAuditHeapDumpProperties properties, GcMonitor gcMonitor) {
		HeapDumpSettings settings = new HeapDumpSettings(properties.getDirectory(), properties.getLiveFraction(),
				properties.getGrowth().toBytes(), properties.getGrowthWindow(), properties.getMinInterval(),
				properties.getMaxCount(), properties.getMaxTotalSize().toBytes(), 1.2);
		HeapDumper dumper;
		try {
			dumper = HeapDumper.hotSpot();
		}
		catch (UnsupportedOperationException ex) {
			dumper = (file, live) -> {
				throw new UnsupportedOperationException(ex.getMessage());
			};
		}
		return new SpikeHeapDumper(settings, dumper, DiskSpace.FILE_STORE, gcMonitor::lastReclaimedFloor, () -> {
			MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
			return new long[] { heap.getUsed(), heap.getMax() };
		}, Clock.systemUTC());
	}

	/**
	 * The dump counter, when Micrometer is on the classpath.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterBinder.class)
	static class Metrics {

		@Bean
		@ConditionalOnMissingBean
		HeapDumpMetrics memoryAuditHeapDumpMetrics(SpikeHeapDumper dumper) {
			return new HeapDumpMetrics(dumper);
		}

	}

}
