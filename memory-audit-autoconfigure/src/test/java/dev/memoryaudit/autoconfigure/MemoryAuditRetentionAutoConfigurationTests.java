package dev.memoryaudit.autoconfigure;

import java.time.Duration;

import dev.memoryaudit.actuate.MemoryRetentionEndpoint;
import dev.memoryaudit.actuate.ReportFormat;
import dev.memoryaudit.engine.MemoryAuditEngine;
import dev.memoryaudit.retention.JfrAvailability;
import dev.memoryaudit.retention.RetentionMonitor;
import dev.memoryaudit.retention.RetentionRecording;
import dev.memoryaudit.retention.RetentionReport;
import dev.memoryaudit.trend.TrendReport;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointAutoConfiguration;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MemoryAuditRetentionAutoConfiguration}.
 */
class MemoryAuditRetentionAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MemoryAuditAutoConfiguration.class,
				MemoryAuditEndpointAutoConfiguration.class, MemoryAuditRetentionAutoConfiguration.class,
				EndpointAutoConfiguration.class, WebEndpointAutoConfiguration.class))
		.withPropertyValues("memory.audit.snapshot.initial-delay=1h",
				"management.endpoints.web.exposure.include=memoryretention,memorytrend");

	@Test
	void onByDefaultButRecordsOnlyOnceALeakIsSuspected() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(RetentionMonitor.class).hasSingleBean(MemoryRetentionEndpoint.class);
			RetentionMonitor monitor = context.getBean(RetentionMonitor.class);
			assertThat(monitor.settings().recording()).isEqualTo(RetentionRecording.ON_LEAK);
			assertThat(monitor.settings().sampleFor()).isEqualTo(Duration.ofMinutes(10));
			assertThat(monitor.settings().resampleInterval()).isEqualTo(Duration.ofHours(1));
			assertThat(monitor.directory()).isNull();
			assertThat(jdk.jfr.FlightRecorder.getFlightRecorder().getRecordings())
				.noneMatch((r) -> "memory-audit-retention".equals(r.getName()));
			MemoryAuditEngine engine = context.getBean(MemoryAuditEngine.class);
			engine.tick(0L);
			assertThat(engine.trend().sections()).anySatisfy((s) -> {
				assertThat(s.getName()).isEqualTo("retention");
				assertThat(s.getBody().toString()).contains("recording=" + monitor.recordingStatus());
			});
			WebEndpointResponse<Object> post = context.getBean(MemoryRetentionEndpoint.class).dump();
			assertThat(post.getStatus()).isEqualTo(409);
			assertThat(post.getBody().toString()).contains("the retention recording is not running")
				.contains("memory.audit.retention.recording=always");
		});
	}

	@Test
	void disabledAddsNothing() {
		this.runner.withPropertyValues("memory.audit.retention.enabled=false")
			.run((context) -> assertThat(context).hasSingleBean(MemoryAuditEngine.class)
				.doesNotHaveBean(RetentionMonitor.class)
				.doesNotHaveBean(MemoryRetentionEndpoint.class));
	}

	@Test
	void recordingAlwaysStartsTheRecordingAddsTheSectionAndTheEndpoint() {
		this.runner.withPropertyValues("memory.audit.retention.recording=always", "memory.audit.retention.cutoff=2s",
				"memory.audit.retention.min-interval=10s", "memory.audit.retention.max-size=8MB")
			.run((context) -> {
				RetentionMonitor monitor = context.getBean(RetentionMonitor.class);
				assertThat(monitor.directory()).isNotNull();
				assertThat(monitor.settings().cutoff()).isEqualTo(Duration.ofSeconds(2));
				assertThat(monitor.settings().maxSize()).isEqualTo(8L * 1024 * 1024);
				assertThat(context).hasSingleBean(MemoryRetentionEndpoint.class);
				MemoryAuditEngine engine = context.getBean(MemoryAuditEngine.class);
				engine.tick(0L);
				TrendReport trend = engine.trend();
				assertThat(trend.sections()).anySatisfy((s) -> assertThat(s.getName()).isEqualTo("retention"));
				WebEndpointResponse<Object> markdown = context.getBean(MemoryRetentionEndpoint.class)
					.report(ReportFormat.MARKDOWN);
				assertThat((String) markdown.getBody()).startsWith("# Retention paths");
			});
	}

	@Test
	void closingTheContextStopsTheRecording() {
		this.runner.withPropertyValues("memory.audit.retention.recording=always").run((context) -> {
			RetentionMonitor monitor = context.getBean(RetentionMonitor.class);
			java.nio.file.Path directory = monitor.directory();
			context.close();
			assertThat(directory).doesNotExist();
			assertThat(jdk.jfr.FlightRecorder.getFlightRecorder().getRecordings())
				.noneMatch((r) -> "memory-audit-retention".equals(r.getName()));
		});
	}

	@Test
	void jvmWithoutJfrSaysWhyAndTheRestWorks() {
		this.runner
			.withBean(JfrAvailability.class, () -> () -> "JFR is disabled in this JVM")
			.run((context) -> {
				RetentionReport report = context.getBean(RetentionMonitor.class).report();
				assertThat(report.unavailable()).isEqualTo("retention paths unavailable: JFR is disabled in this JVM");
				MemoryAuditEngine engine = context.getBean(MemoryAuditEngine.class);
				engine.tick(0L);
				assertThat(engine.snapshots()).hasSize(1);
				WebEndpointResponse<Object> post = context.getBean(MemoryRetentionEndpoint.class).dump();
				assertThat(post.getStatus()).isEqualTo(503);
			});
	}

	@Test
	void invalidPropertyNamesItself() {
		this.runner.withPropertyValues("memory.audit.retention.max-size=10KB")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("memory.audit.retention.max-size"));
	}

	@Test
	void unknownRecordingModeNamesTheAllowedOnes() {
		this.runner.withPropertyValues("memory.audit.retention.recording=sometimes")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("sometimes"));
	}

}
