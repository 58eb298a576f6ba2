package dev.memoryaudit.autoconfigure;

import java.util.Collection;
import java.util.List;

import com.github.benmanes.caffeine.cache.Caffeine;
import dev.memoryaudit.actuate.MemoryAuditEndpoint;
import dev.memoryaudit.audit.AuditReport;
import dev.memoryaudit.audit.CollectionRegistry;
import dev.memoryaudit.audit.MemoryAuditor;
import dev.memoryaudit.audit.ProbeRow;
import dev.memoryaudit.audit.StructureRow;
import dev.memoryaudit.audit.classes.ClassLoadingProbe;
import dev.memoryaudit.audit.meters.MeterCardinalityProbe;
import dev.memoryaudit.audit.sessions.HttpSessionProbe;
import dev.memoryaudit.audit.sessions.TomcatSessionSource;
import dev.memoryaudit.audit.threadlocals.ThreadLocalProbe;
import dev.memoryaudit.audit.metrics.AuditMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.cache.caffeine.CaffeineCacheManager;
import org.springframework.cache.concurrent.ConcurrentMapCacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link AuditorAutoConfiguration} with real cache managers and executors.
 */
class AuditorAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withPropertyValues("memory.audit.snapshot.initial-delay=1h",
				"management.endpoints.web.exposure.include=memoryaudit")
		.withConfiguration(AutoConfigurations.of(MemoryAuditAutoConfiguration.class, AuditorAutoConfiguration.class));

	@Test
	void auditsCachesAndExecutorsAndReportsAStrangeBeanAsUnreadable() {
		this.runner.withUserConfiguration(Structures.class).run((context) -> {
			assertThat(context).hasSingleBean(MemoryAuditor.class).hasSingleBean(CollectionRegistry.class)
				.hasSingleBean(MemoryAuditEndpoint.class).hasSingleBean(AuditMetrics.class);
			context.getBean(CaffeineCacheManager.class).getCache("bounded").put("k", "v");
			AuditReport report = context.getBean(MemoryAuditor.class).audit();
			assertThat(row(report, "caffeine.bounded").verdict()).isEqualTo("OK");
			assertThat(row(report, "caffeine.bounded").structure().capacity()).isEqualTo(10);
			assertThat(row(report, "caffeine.bounded").structure().size()).isEqualTo(1);
			assertThat(row(report, "concurrent.unbounded").verdict()).isEqualTo("UNBOUNDED");
			assertThat(row(report, "strange.weird").verdict()).isEqualTo("UNREADABLE");
			assertThat(row(report, "boundedExecutor").structure().capacity()).isEqualTo(5);
			assertThat(row(report, "boundedExecutor").verdict()).isEqualTo("OK");
			assertThat(row(report, "unboundedQueueExecutor").verdict()).isEqualTo("UNBOUNDED_QUEUE");
		});
	}

	@Test
	void wiresTheLeakProbesIntoTheAuditorAndEachCanBeSwitchedOff() {
		this.runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new).run((context) -> {
			assertThat(context).hasSingleBean(MeterCardinalityProbe.class).hasSingleBean(ClassLoadingProbe.class)
				.hasSingleBean(HttpSessionProbe.class).hasSingleBean(ThreadLocalProbe.class)
				.hasSingleBean(TomcatSessionSource.class);
			MemoryAuditor auditor = context.getBean(MemoryAuditor.class);
			auditor.sample();
			AuditReport report = auditor.audit();
			assertThat(report.probes()).extracting(ProbeRow::probe)
				.containsExactlyInAnyOrder("meter-registry", "class-loading", "http-sessions", "thread-locals");
			ProbeRow sessions = report.probes().stream().filter((p) -> p.probe().equals("http-sessions")).findFirst()
				.orElseThrow();
			assertThat(sessions.unavailable()).startsWith("unavailable: no embedded Tomcat");
		});
		this.runner
			.withPropertyValues("memory.audit.auditors.meters.enabled=false", "memory.audit.auditors.classes.enabled=false",
					"memory.audit.auditors.sessions.enabled=false", "memory.audit.auditors.thread-locals.enabled=false")
			.run((context) -> {
				assertThat(context).doesNotHaveBean(MeterCardinalityProbe.class).doesNotHaveBean(ClassLoadingProbe.class)
					.doesNotHaveBean(HttpSessionProbe.class).doesNotHaveBean(ThreadLocalProbe.class);
				assertThat(context.getBean(MemoryAuditor.class).audit().probes()).isEmpty();
			});
	}

	@Test
	void metersFollowTheAuditAndCapacityIsAbsentWhenUnbounded() {
		this.runner.withUserConfiguration(Structures.class).run((context) -> {
			MeterRegistry registry = new SimpleMeterRegistry();
			context.getBean(AuditMetrics.class).bindTo(registry);
			MemoryAuditor auditor = context.getBean(MemoryAuditor.class);
			auditor.sample();
			auditor.sections();
			assertThat(registry.get("memory.audit.collection.capacity").tag("name", "caffeine.bounded").gauge().value())
				.isEqualTo(10);
			assertThat(registry.get("memory.audit.collection.size").tag("name", "concurrent.unbounded").tag("kind", "cache")
				.gauge().value()).isZero();
			assertThat(registry.find("memory.audit.collection.capacity").tag("name", "concurrent.unbounded").gauge())
				.isNull();
			assertThat(registry.get("memory.audit.findings").tag("severity", "UNBOUNDED_QUEUE").gauge().value())
				.isEqualTo(1);
			assertThat(registry.get("memory.audit.threads.group").gauges()).isNotEmpty();
		});
	}

	@Test
	void startsWithoutCaffeineOnTheClasspath() {
		this.runner.withClassLoader(new FilteredClassLoader(Caffeine.class))
			.withBean("concurrent", CacheManager.class, () -> new ConcurrentMapCacheManager("only"))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(row(context.getBean(MemoryAuditor.class).audit(), "concurrent.only").verdict())
					.isEqualTo("UNBOUNDED");
			});
	}

	@Test
	void canBeSwitchedOff() {
		this.runner.withPropertyValues("memory.audit.auditors.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(MemoryAuditor.class));
	}

	@Test
	void rejectsAnInvalidNearCapacity() {
		this.runner.withPropertyValues("memory.audit.auditors.near-capacity=1.5")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("memory.audit.auditors.near-capacity must be greater than 0 and at most 1"));
	}

	static StructureRow row(AuditReport report, String name) {
		return report.structures().stream().filter((r) -> r.structure().name().equals(name)).findFirst().orElseThrow();
	}

	@Configuration(proxyBeanMethods = false)
	static class Structures {

		@Bean
		CaffeineCacheManager caffeine() {
			CaffeineCacheManager manager = new CaffeineCacheManager("bounded");
			manager.setCaffeine(Caffeine.newBuilder().maximumSize(10));
			return manager;
		}

		@Bean
		ConcurrentMapCacheManager concurrent() {
			return new ConcurrentMapCacheManager("unbounded");
		}

		@Bean
		CacheManager strange() {
			return new CacheManager() {

				@Override
				public Cache getCache(String name) {
					throw new IllegalStateException("cannot open " + name);
				}

				@Override
				public Collection<String> getCacheNames() {
					return List.of("weird");
				}

			};
		}

		@Bean
		ThreadPoolTaskExecutor boundedExecutor() {
			ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
			executor.setMaxPoolSize(2);
			executor.setQueueCapacity(5);
			return executor;
		}

		@Bean
		ThreadPoolTaskExecutor unboundedQueueExecutor() {
			return new ThreadPoolTaskExecutor();
		}

	}

}
