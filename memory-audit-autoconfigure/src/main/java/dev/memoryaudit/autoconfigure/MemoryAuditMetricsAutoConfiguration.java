package dev.memoryaudit.autoconfigure;

import java.time.Clock;
import java.time.Duration;

import dev.memoryaudit.engine.MemoryAuditEngine;
import dev.memoryaudit.engine.SnapshotScheduler;
import dev.memoryaudit.fd.FdTypeReader;
import dev.memoryaudit.fd.FdTypeSampler;
import dev.memoryaudit.lag.LagMonitor;
import dev.memoryaudit.metrics.BuildInfoMetrics;
import dev.memoryaudit.metrics.FileDescriptorTypeMetrics;
import dev.memoryaudit.metrics.LagMetrics;
import dev.memoryaudit.metrics.LeakMetrics;
import dev.memoryaudit.metrics.NativeMemoryMetrics;
import dev.memoryaudit.metrics.SelfMetrics;
import dev.memoryaudit.nativememory.DiagnosticCommandNmtSource;
import dev.memoryaudit.nativememory.NativeMemory;
import dev.memoryaudit.nativememory.NativeMemoryTracking;
import dev.memoryaudit.snapshot.ProcessProbe;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.info.ProjectInfoAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.info.BuildProperties;
import org.springframework.boot.info.GitProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Auto-configuration of the resource samplers (file descriptors by type and Native Memory Tracking on the snapshot
 * tick, the {@code memory-audit-lag} thread) and, with Micrometer present, their meter binders, the leak gauges and
 * the build info gauge (after Boot's project info, whose build and git properties name the version).
 */
@AutoConfiguration(after = { MemoryAuditAutoConfiguration.class, ProjectInfoAutoConfiguration.class })
@ConditionalOnBooleanProperty(name = "memory.audit.enabled", matchIfMissing = true)
@ConditionalOnBean(MemoryAuditEngine.class)
@EnableConfigurationProperties({ MemoryAuditFdProperties.class, MemoryAuditLagProperties.class,
		MemoryAuditMetricsProperties.class })
@Import(MemoryAuditSeriesRegistrar.class)
public final class MemoryAuditMetricsAutoConfiguration {

	/**
	 * How far back the lag summary for health looks.
	 */
	static final Duration LAG_WINDOW = Duration.ofMinutes(1);

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = "memory.audit.fd.by-type", matchIfMissing = true)
	FdTypeSampler memoryAuditFdTypeSampler(MemoryAuditFdProperties properties) {
		return new FdTypeSampler(new FdTypeReader(FdTypeReader.PROC_SELF_FD, properties.getMaxRead(),
				properties.getTimeBudget(), Clock.systemUTC()));
	}

	@Bean
	@ConditionalOnMissingBean
	NativeMemoryTracking memoryAuditNativeMemoryTracking() {
		return new NativeMemoryTracking(new DiagnosticCommandNmtSource());
	}

	@Bean
	@ConditionalOnMissingBean
	NativeMemory memoryAuditNativeMemory(ProcessProbe processProbe, ObjectProvider<NativeMemoryTracking> tracking) {
		return new NativeMemory(processProbe, tracking.getIfAvailable());
	}

	@Bean(initMethod = "start", destroyMethod = "close")
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = "memory.audit.lag.enabled", matchIfMissing = true)
	LagMonitor memoryAuditLagMonitor(MemoryAuditLagProperties properties) {
		return new LagMonitor(properties.getResolution(), LAG_WINDOW);
	}

	/**
	 * Meter binders, when Micrometer is on the classpath.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterBinder.class)
	static class MeterBinders {

		@Bean
		@ConditionalOnMissingBean
		FileDescriptorTypeMetrics memoryAuditFileDescriptorTypeMetrics(ObjectProvider<FdTypeSampler> sampler,
				ProcessProbe processProbe) {
			return new FileDescriptorTypeMetrics(sampler.getIfAvailable(), processProbe);
		}

		@Bean
		@ConditionalOnMissingBean
		LagMetrics memoryAuditLagMetrics(ObjectProvider<LagMonitor> monitor,
				ObjectProvider<SnapshotScheduler> scheduler) {
			return new LagMetrics(monitor.getIfAvailable(), scheduler.getIfAvailable());
		}

		@Bean
		@ConditionalOnMissingBean
		NativeMemoryMetrics memoryAuditNativeMemoryMetrics(NativeMemory nativeMemory,
				ObjectProvider<NativeMemoryTracking> tracking) {
			return new NativeMemoryMetrics(nativeMemory, tracking.getIfAvailable());
		}

		@Bean
		@ConditionalOnMissingBean
		LeakMetrics memoryAuditLeakMetrics(MemoryAuditEngine engine) {
			return new LeakMetrics(engine);
		}

		@Bean
		@ConditionalOnMissingBean
		SelfMetrics memoryAuditSelfMetrics(MemoryAuditEngine engine, ObjectProvider<SnapshotScheduler> scheduler) {
			return new SelfMetrics(engine, scheduler.getIfAvailable());
		}

		@Bean
		@ConditionalOnMissingBean
		BuildInfoMetrics memoryAuditBuildInfoMetrics(MemoryAuditMetricsProperties properties,
				ObjectProvider<BuildProperties> build, ObjectProvider<GitProperties> git) {
			BuildProperties buildProperties = build.getIfAvailable();
			GitProperties gitProperties = git.getIfAvailable();
			return BuildInfoMetrics.resolve(properties.getVersion(),
					(buildProperties != null) ? buildProperties.getVersion() : null,
					(gitProperties != null) ? gitProperties.getShortCommitId() : null);
		}

	}

}
