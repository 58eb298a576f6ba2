package dev.memoryaudit.test;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dev.memoryaudit.actuate.MemoryTrendEndpoint;
import dev.memoryaudit.actuate.ReportFormat;
import dev.memoryaudit.autoconfigure.MemoryAuditAutoConfiguration;
import dev.memoryaudit.autoconfigure.MemoryAuditEndpointAutoConfiguration;
import dev.memoryaudit.autoconfigure.MemoryAuditHealthAutoConfiguration;
import dev.memoryaudit.autoconfigure.MemoryAuditMetricsAutoConfiguration;
import dev.memoryaudit.engine.MemoryAuditEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The starter must not leak: an application context with every memory-audit feature on (engine and scheduler at a
 * 10 ms tick, a histogram, FD census, NMT, lag thread, meters on a registry, health, endpoints) is started, used and
 * closed 50 times in one JVM; afterwards no new thread is alive and the live set, measured after full GCs by the
 * {@link LeakCheck} harness (Theil–Sen slope plus Mann–Kendall over 10 samples), has not grown.
 * <p>
 * Tolerance: 16 KiB per context. A context kept reachable after close retains its bean factory, environment and
 * condition report, about 270 KB measured here: {@link #aRetainedContextIsCaught()} keeps every closed context in a
 * list and shows the same check failing, while the starter measured about 2.5 KB per context (noise, p = 1.0), so the
 * tolerance is wide enough for noise and narrow enough for a context leak.
 * <p>
 * This class runs in its own surefire execution ({@code self-leak}) with {@code -XX:SoftRefLRUPolicyMSPerMB=0} and is
 * skipped in a JVM without the flag: Spring Boot's
 * {@code OnAvailableEndpointCondition} caches per {@code Environment} in a static soft-reference map, which a
 * {@code System.gc()} keeps; without the flag every closed context looks live (about 66 KB each) until memory runs
 * short, a Boot cache and not a leak of the starter.
 */
class StarterSelfLeakTests {

	static final int CONTEXTS = 50;

	static final double TOLERANCE_BYTES_PER_CONTEXT = 16 * 1024;

	private static final List<ConfigurableApplicationContext> retained = new ArrayList<>();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MemoryAuditAutoConfiguration.class,
				MemoryAuditEndpointAutoConfiguration.class, MemoryAuditMetricsAutoConfiguration.class,
				MemoryAuditHealthAutoConfiguration.class, EndpointAutoConfiguration.class,
				WebEndpointAutoConfiguration.class, MetricsAutoConfiguration.class,
				CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class))
		.withPropertyValues("memory.audit.snapshot.initial-delay=0s", "memory.audit.snapshot.interval=10ms",
				"memory.audit.histogram.min-interval=0s", "memory.audit.lag.resolution=5ms",
				"management.endpoints.web.exposure.include=*");

	@BeforeAll
	static void requireSoftReferenceClearing() {
		assumeTrue(ManagementFactory.getRuntimeMXBean().getInputArguments().contains("-XX:SoftRefLRUPolicyMSPerMB=0"),
				"needs -XX:SoftRefLRUPolicyMSPerMB=0 (surefire execution self-leak)");
	}

	@Test
	void fiftyContextsLeaveNoThreadsAndNoLiveSetGrowth() {
		startUseAndClose(false);
		Set<Thread> before = ThreadCheck.liveThreads();
		LeakReport report = LeakCheck.iterations(CONTEXTS)
			.warmup(5)
			.samples(10)
			.maxBytesPerIteration(TOLERANCE_BYTES_PER_CONTEXT)
			.assertNoLeak(() -> startUseAndClose(false));
		ThreadCheck.defaults().gracePeriod(Duration.ofSeconds(2)).verify(before);
		assertThat(report.leakSuspected()).isFalse();
		assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
			.noneMatch((name) -> name.startsWith("memory-audit-"));
	}

	@Test
	void aRetainedContextIsCaught() {
		try {
			startUseAndClose(false);
			LeakReport report = LeakCheck.iterations(20)
				.warmup(2)
				.samples(5)
				.confirmations(0)
				.maxBytesPerIteration(TOLERANCE_BYTES_PER_CONTEXT)
				.measure(() -> startUseAndClose(true));
			assertThat(report.leakSuspected()).as(report.summary()).isTrue();
		}
		finally {
			retained.clear();
		}
	}

	private void startUseAndClose(boolean retain) {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed();
			MemoryAuditEngine engine = context.getBean(MemoryAuditEngine.class);
			long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
			while ((engine.snapshots().size() < 2 || engine.histograms().isEmpty()) && System.nanoTime() < deadline) {
				Thread.sleep(2);
			}
			assertThat(engine.histograms()).as("the baseline histogram was taken").isNotEmpty();
			assertThat(context.getBean(MemoryTrendEndpoint.class).trend(ReportFormat.MARKDOWN).getStatus())
				.isEqualTo(200);
			if (retain) {
				retained.add(context.getSourceApplicationContext());
			}
		});
	}

}
