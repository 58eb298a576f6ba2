package dev.memoryaudit.autoconfigure;

import java.time.Clock;
import java.util.List;

import dev.memoryaudit.actuate.MemoryAuditEndpoint;
import dev.memoryaudit.audit.AuditSettings;
import dev.memoryaudit.audit.CollectionRegistry;
import dev.memoryaudit.audit.LeakProbe;
import dev.memoryaudit.audit.MemoryAuditor;
import dev.memoryaudit.audit.StructureInspector;
import dev.memoryaudit.audit.ThreadCensus;
import dev.memoryaudit.audit.classes.ClassLoadingProbe;
import dev.memoryaudit.audit.meters.MeterCardinalityProbe;
import dev.memoryaudit.audit.metrics.AuditMetrics;
import dev.memoryaudit.audit.sessions.HttpSessionProbe;
import dev.memoryaudit.audit.sessions.SessionSource;
import dev.memoryaudit.audit.sessions.TomcatSessionSource;
import dev.memoryaudit.audit.spring.CacheManagerInspector;
import dev.memoryaudit.audit.spring.EmbeddedTomcat;
import dev.memoryaudit.audit.spring.ExecutorBeanInspector;
import dev.memoryaudit.audit.threadlocals.ThreadLocalProbe;
import dev.memoryaudit.engine.MemoryAuditEngine;
import io.micrometer.core.instrument.MeterRegistry;
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
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration of the bounded-structure auditors: cache-manager and executor inspectors, the
 * {@link CollectionRegistry} for application collections, the leak probes (meter cardinality, class loading, HTTP
 * sessions, thread-locals), the {@link MemoryAuditor} (a series contributor and a trend-report section), its meters
 * and the {@code memoryaudit} endpoint.
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
	@ConditionalOnBooleanProperty(name = "memory.audit.auditors.classes.enabled", matchIfMissing = true)
	ClassLoadingProbe memoryAuditClassLoadingProbe(AuditorProperties auditors) {
		AuditorProperties.Classes classes = auditors.getClasses();
		return new ClassLoadingProbe(new ClassLoadingProbe.Settings(classes.getMinGrowth(),
				classes.getMinMetaspaceGrowth().toBytes(), classes.getStatsEvery()));
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = "memory.audit.auditors.sessions.enabled", matchIfMissing = true)
	HttpSessionProbe memoryAuditHttpSessionProbe(AuditorProperties auditors, ObjectProvider<SessionSource> sources) {
		SessionSource source = sources.getIfUnique(() -> () -> null);
		return new HttpSessionProbe(source, auditors.getSessions().getMinGrowth());
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = "memory.audit.auditors.thread-locals.enabled", matchIfMissing = true)
	ThreadLocalProbe memoryAuditThreadLocalProbe(AuditorProperties auditors) {
		AuditorProperties.ThreadLocals threadLocals = auditors.getThreadLocals();
		return new ThreadLocalProbe(new ThreadLocalProbe.Settings(threadLocals.getMaxThreads(),
				threadLocals.getTrackedOwners(), threadLocals.getMinGrowth()));
	}

	@Bean
	@ConditionalOnMissingBean
	MemoryAuditor memoryAuditor(MemoryAuditProperties properties, AuditorProperties auditors,
			ObjectProvider<StructureInspector> inspectors, ObjectProvider<LeakProbe> probes,
			ObjectProvider<MemoryAuditEngine> engine) {
		AuditSettings settings = new AuditSettings(auditors.getNearCapacity(), auditors.getMaxTracked(),
				auditors.getTopThreadGroups(), auditors.getMinGrowth(), auditors.getMinThreadGrowth(),
				MemoryAuditAutoConfiguration.engineSettings(properties, List.of()).thresholds());
		return new MemoryAuditor(settings, inspectors.orderedStream().toList(), probes.orderedStream().toList(),
				new ThreadCensus(), () -> {
			MemoryAuditEngine current = engine.getIfAvailable();
			return (current != null) ? current.snapshots() : List.of();
		}, Clock.systemUTC());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = { "org.apache.catalina.startup.Tomcat", "org.springframework.boot.tomcat.TomcatWebServer" })
	static final class TomcatSessionsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		TomcatSessionSource memoryAuditTomcatSessionSource(ApplicationContext context) {
			return new TomcatSessionSource(new EmbeddedTomcat(context));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterBinder.class)
	static final class AuditorMetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnBooleanProperty(name = "memory.audit.auditors.meters.enabled", matchIfMissing = true)
		MeterCardinalityProbe memoryAuditMeterCardinalityProbe(AuditorProperties auditors,
				ObjectProvider<MeterRegistry> registry) {
			AuditorProperties.Meters meters = auditors.getMeters();
			return new MeterCardinalityProbe(registry::getIfUnique,
					new MeterCardinalityProbe.Settings(meters.getTrackedNames(), meters.getMaxNames(),
							meters.getMaxValuesPerTag(), meters.getMinGrowth(), meters.getMinScrapeGrowth().toBytes(),
							meters.getScrapeEvery()));
		}

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
