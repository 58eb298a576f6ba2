package dev.memoryaudit.autoconfigure;

import java.time.Clock;

import dev.memoryaudit.engine.MemoryAuditEngine;
import dev.memoryaudit.store.SnapshotStore;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

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

	@Bean
	@ConditionalOnMissingBean
	SnapshotStore memoryAuditSnapshotStore(MemoryAuditStoreProperties properties) {
		return new SnapshotStore(properties.getDirectory(), new JacksonSnapshotCodec(),
				properties.getMaxFileSize().toBytes(), properties.getMaxAge(), Clock.systemUTC(),
				SnapshotStore.Appender.FILES);
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
