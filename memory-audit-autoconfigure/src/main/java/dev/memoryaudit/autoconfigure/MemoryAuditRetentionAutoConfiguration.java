package dev.memoryaudit.autoconfigure;

import java.time.Clock;

import dev.memoryaudit.actuate.MemoryRetentionEndpoint;
import dev.memoryaudit.engine.MemoryAuditEngine;
import dev.memoryaudit.retention.JfrAvailability;
import dev.memoryaudit.retention.RetentionMonitor;
import dev.memoryaudit.retention.RetentionSettings;
import dev.memoryaudit.retention.RetentionTrigger;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration of retention paths from JFR old-object samples (on unless
 * {@code memory.audit.retention.enabled=false}): the recording, which by default runs only while a leak is suspected,
 * the trend trigger and the {@code memoryretention} endpoint.
 */
@AutoConfiguration(after = MemoryAuditAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "memory.audit.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "memory.audit.retention.enabled", matchIfMissing = true)
@EnableConfigurationProperties(MemoryAuditRetentionProperties.class)
public final class MemoryAuditRetentionAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	JfrAvailability memoryAuditJfrAvailability() {
		return JfrAvailability.platform();
	}

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	RetentionMonitor memoryAuditRetentionMonitor(MemoryAuditRetentionProperties properties,
			JfrAvailability availability) {
		return new RetentionMonitor(settings(properties), availability, Clock.systemUTC());
	}

	@Bean
	RecordingStart memoryAuditRetentionRecordingStart(RetentionMonitor monitor) {
		return new RecordingStart(monitor);
	}

	@Bean(initMethod = "register")
	@ConditionalOnMissingBean
	@ConditionalOnBean(MemoryAuditEngine.class)
	RetentionTrigger memoryAuditRetentionTrigger(MemoryAuditEngine engine, RetentionMonitor monitor) {
		return new RetentionTrigger(engine, monitor);
	}

	static RetentionSettings settings(MemoryAuditRetentionProperties properties) {
		return new RetentionSettings(properties.getCutoff().isZero() ? null : properties.getCutoff(),
				properties.getMaxAge(), properties.getMaxSize().toBytes(), properties.getMinInterval(),
				properties.getDirectory(), properties.getMaxPaths(), properties.getRecording(),
				properties.getSampleFor(), properties.getResampleInterval());
	}

	/**
	 * Starts the monitor once the application has started, after the web server (the last phase): with
	 * recording=always the recording starts here, so that the sampler's bounded queue is not filled with the objects
	 * start-up allocates and keeps for good. (Starting late did not lower the recording's cost under load:
	 * benchmarks/NOTEBOOK.md, "Retention paths".)
	 */
	static final class RecordingStart implements SmartLifecycle {

		private final RetentionMonitor monitor;

		private volatile boolean running;

		RecordingStart(RetentionMonitor monitor) {
			this.monitor = monitor;
		}

		@Override
		public void start() {
			this.monitor.start();
			this.running = true;
		}

		@Override
		public void stop() {
			// a stopped context (a checkpoint, say) keeps no recording or dump thread; start() begins a new one
			this.monitor.close();
			this.running = false;
		}

		@Override
		public boolean isRunning() {
			return this.running;
		}

		@Override
		public int getPhase() {
			return Integer.MAX_VALUE;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(ConditionalOnAvailableEndpoint.class)
	static class EndpointConfiguration {

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnAvailableEndpoint(MemoryRetentionEndpoint.class)
		MemoryRetentionEndpoint memoryRetentionEndpoint(RetentionMonitor monitor) {
			return new MemoryRetentionEndpoint(monitor);
		}

	}

}
