package dev.memoryaudit.autoconfigure;

import java.time.Clock;
import java.util.List;

import dev.memoryaudit.actuate.MemoryAuditEndpoint;
import dev.memoryaudit.audit.AuditSettings;
import dev.memoryaudit.audit.CollectionRegistry;
import dev.memoryaudit.audit.MemoryAuditor;
import dev.memoryaudit.audit.StructureInspector;
import dev.memoryaudit.audit.ThreadCensus;
import dev.memoryaudit.audit.metrics.AuditMetrics;
import dev.memoryaudit.audit.spring.CacheManagerInspector;
import dev.memoryaudit.audit.spring.ExecutorBeanInspector;
import dev.memoryaudit.engine.MemoryAuditEngine;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cache.CacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration of the bounded-structure auditors: cache-manager and executor inspectors, the
 * {@link CollectionRegistry} for application collections, the {@link MemoryAuditor} (a series contributor and a
 * trend-report section), its meters and the {@code memoryaudit} endpoint.
 */
@AutoConfiguration(after = MemoryAuditAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "memory.audit.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "memory.audit.auditors.enabled", matchIfMissing = true)
@ConditionalOnBean(MemoryAuditEngine.class)
@EnableConfigurationProperties({ MemoryAuditProperties.class, AuditorProperties.class })
public final class AuditorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	CollectionRegistry memoryAuditCollectionRegistry() {
		return new CollectionRegistry();
	}

	@Bean
	@ConditionalOnMissingBean
	ExecutorBeanInspector memoryAuditExecutorInspector(ConfigurableListableBeanFactory beanFactory) {
		return new ExecutorBeanInspector(beanFactory);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnClass(CacheManager.class)
	CacheManagerInspector memoryAuditCacheManagerInspector(ConfigurableListableBeanFactory beanFactory) {
		return new CacheManagerInspector(beanFactory);
	}

	@Bean
	@ConditionalOnMissingBean
	MemoryAuditor memoryAuditor(MemoryAuditProperties properties, AuditorProperties auditors,
			ObjectProvider<StructureInspector> inspectors, ObjectProvider<MemoryAuditEngine> engine) {
		AuditSettings settings = new AuditSettings(auditors.getNearCapacity(), auditors.getMaxTracked(),
				auditors.getTopThreadGroups(), auditors.getMinGrowth(), auditors.getMinThreadGrowth(),
				MemoryAuditAutoConfiguration.engineSettings(properties, List.of()).thresholds());
		return new MemoryAuditor(settings, inspectors.orderedStream().toList(), new ThreadCensus(), () -> {
			MemoryAuditEngine current = engine.getIfAvailable();
			return (current != null) ? current.snapshots() : List.of();
		}, Clock.systemUTC());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterBinder.class)
	static final class AuditorMetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		AuditMetrics memoryAuditMetrics(MemoryAuditor auditor) {
			return new AuditMetrics(auditor);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(ConditionalOnAvailableEndpoint.class)
	static final class AuditorEndpointConfiguration {

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnAvailableEndpoint(MemoryAuditEndpoint.class)
		MemoryAuditEndpoint memoryAuditEndpoint(MemoryAuditor auditor) {
			return new MemoryAuditEndpoint(auditor);
		}

	}

}
