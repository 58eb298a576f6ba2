package dev.memoryaudit.autoconfigure;

import dev.memoryaudit.container.ContainerReport;
import dev.memoryaudit.engine.MemoryAuditEngine;
import dev.memoryaudit.fd.FdTypeSampler;
import dev.memoryaudit.actuate.MemoryHealthIndicator;
import dev.memoryaudit.health.MemoryResources;
import dev.memoryaudit.lag.LagMonitor;
import dev.memoryaudit.nativememory.NativeMemory;
import dev.memoryaudit.snapshot.ProcessProbe;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@code memory} health indicator, switched by {@code management.health.memory.enabled}.
 * It is not added to the liveness or readiness groups.
 */
@AutoConfiguration(after = { MemoryAuditMetricsAutoConfiguration.class, MemoryAuditContainerAutoConfiguration.class })
@ConditionalOnClass({ HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnBooleanProperty(name = "memory.audit.enabled", matchIfMissing = true)
@ConditionalOnBean(MemoryAuditEngine.class)
@EnableConfigurationProperties(MemoryAuditHealthProperties.class)
public final class MemoryAuditHealthAutoConfiguration {

	// on the method, not the class: the class-level @ConditionalOnClass must reject this configuration before the
	// condition class of this annotation is loaded, or a context without spring-boot-health fails to start
	@Bean
	@ConditionalOnEnabledHealthIndicator("memory")
	@ConditionalOnMissingBean(name = "memoryHealthIndicator")
	MemoryHealthIndicator memoryHealthIndicator(MemoryAuditEngine engine, ProcessProbe processProbe,
			ObjectProvider<FdTypeSampler> fdSampler, ObjectProvider<LagMonitor> lagMonitor,
			ObjectProvider<NativeMemory> nativeMemory, ObjectProvider<ContainerReport> container,
			MemoryAuditHealthProperties properties) {
		NativeMemory memory = nativeMemory.getIfAvailable(() -> new NativeMemory(processProbe, null));
		MemoryResources resources = new MemoryResources(engine, processProbe, fdSampler.getIfAvailable(),
				lagMonitor.getIfAvailable(), memory, properties.getFdUsageThreshold(),
				properties.getLiveSetThreshold());
		container.ifAvailable((report) -> resources.withContainer(report,
				new MemoryResources.ContainerThresholds(properties.getContainerThreshold(),
						properties.getContainerWarningThreshold(), properties.getContainerEtaWarning())));
		return new MemoryHealthIndicator(resources);
	}

}
