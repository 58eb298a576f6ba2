package dev.memoryaudit.autoconfigure;

import java.lang.management.ManagementFactory;
import java.time.Clock;

import dev.memoryaudit.engine.MemoryAuditEngine;
import dev.memoryaudit.metrics.PreviousInstanceMetrics;
import dev.memoryaudit.store.SnapshotStore;
import io.micrometer.core.instrument.binder.MeterBinder;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration of the persisted snapshot history, on when {@code memory.audit.store.directory} is set. The
 * store is read back and attached to the engine before the snapshot scheduler starts.
 */
@AutoConfiguration(after = MemoryAuditAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "memory.audit.enabled", matchIfMissing = true)
@ConditionalOnProperty("memory.audit.store.directory")
@ConditionalOnClass(JsonMapper.class)
@EnableConfigurationProperties(MemoryAuditStoreProperties.class)
public final class MemoryAuditStoreAutoConfiguration {

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	SnapshotStore memoryAuditSnapshotStore(MemoryAuditStoreProperties properties) {
		return new SnapshotStore(properties.getDirectory(), new JacksonSnapshotCodec(),
				properties.getMaxFileSize().toBytes(), properties.getMaxAge(), Clock.systemUTC(),
				SnapshotStore.Appender.FILES, properties.isSync() ? properties.getSyncInterval() : null,
				ManagementFactory.getRuntimeMXBean().getStartTime());
	}

	/**
	 * How the previous instance ended, as a meter, when Micrometer is on the classpath.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterBinder.class)
	static class Meters {

		@Bean
		@ConditionalOnMissingBean
		PreviousInstanceMetrics memoryAuditPreviousInstanceMetrics(SnapshotStore store) {
			return new PreviousInstanceMetrics(store);
		}

	}

	/**
	 * Restores the store's history into the engine and appends every new snapshot to it.
	 * @param store the store
	 * @param engine the engine
	 */
	static void attach(SnapshotStore store, MemoryAuditEngine engine) {
		engine.restore(store.restore().snapshots());
		engine.onSnapshot(store);
	}

}
