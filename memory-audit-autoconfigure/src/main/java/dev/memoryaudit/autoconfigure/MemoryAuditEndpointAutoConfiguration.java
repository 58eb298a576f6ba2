package dev.memoryaudit.autoconfigure;

import dev.memoryaudit.actuate.HeapDiffEndpoint;
import dev.memoryaudit.actuate.MemorySnapshotsEndpoint;
import dev.memoryaudit.actuate.MemoryTrendEndpoint;
import dev.memoryaudit.engine.MemoryAuditEngine;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@code memorytrend}, {@code heapdiff} and {@code memorysnapshots} endpoints. Each is
 * created only when available (exposed and accessible), following actuator conventions.
 */
@AutoConfiguration(after = MemoryAuditAutoConfiguration.class)
@ConditionalOnClass(ConditionalOnAvailableEndpoint.class)
@ConditionalOnBean(MemoryAuditEngine.class)
public final class MemoryAuditEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnAvailableEndpoint(MemoryTrendEndpoint.class)
	MemoryTrendEndpoint memoryTrendEndpoint(MemoryAuditEngine engine) {
		return new MemoryTrendEndpoint(engine);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnAvailableEndpoint(HeapDiffEndpoint.class)
	HeapDiffEndpoint heapDiffEndpoint(MemoryAuditEngine engine) {
		return new HeapDiffEndpoint(engine);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnAvailableEndpoint(MemorySnapshotsEndpoint.class)
	MemorySnapshotsEndpoint memorySnapshotsEndpoint(MemoryAuditEngine engine) {
		return new MemorySnapshotsEndpoint(engine);
	}

}
