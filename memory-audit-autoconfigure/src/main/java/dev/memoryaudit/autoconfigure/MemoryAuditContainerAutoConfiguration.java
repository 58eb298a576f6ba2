package dev.memoryaudit.autoconfigure;

import java.time.Clock;
import java.util.List;

import dev.memoryaudit.container.CgroupLocator;
import dev.memoryaudit.container.ContainerMemorySampler;
import dev.memoryaudit.container.ContainerReport;
import dev.memoryaudit.engine.MemoryAuditEngine;
import dev.memoryaudit.metrics.ContainerMetrics;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration of container memory: the process's memory cgroup read on every snapshot tick, the
 * {@code container} section of the trend report (time to the limit, what grows) and, with Micrometer, its meters.
 * Switched with {@code memory.audit.container.enabled}.
 */
@AutoConfiguration(after = MemoryAuditAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = { "memory.audit.enabled", "memory.audit.container.enabled" },
		matchIfMissing = true)
@EnableConfigurationProperties({ MemoryAuditProperties.class, MemoryAuditContainerProperties.class })
public final class MemoryAuditContainerAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ContainerMemorySampler memoryAuditContainerMemorySampler() {
		return new ContainerMemorySampler(CgroupLocator.platform().locate(), Clock.systemUTC());
	}

	@Bean
	@ConditionalOnMissingBean
	ContainerReport memoryAuditContainerReport(ContainerMemorySampler sampler, MemoryAuditProperties properties,
			MemoryAuditContainerProperties container) {
		return new ContainerReport(sampler,
				MemoryAuditAutoConfiguration.engineSettings(properties, List.of()).thresholds(),
				container.getHorizon());
	}

	/**
	 * Meters, when Micrometer is on the classpath.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterBinder.class)
	@ConditionalOnBean(MemoryAuditEngine.class)
	static class Meters {

		@Bean
		@ConditionalOnMissingBean
		ContainerMetrics memoryAuditContainerMetrics(ContainerReport report, MemoryAuditEngine engine) {
			return new ContainerMetrics(report, engine);
		}

	}

}
