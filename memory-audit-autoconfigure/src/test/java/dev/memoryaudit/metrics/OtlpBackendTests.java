package dev.memoryaudit.metrics;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.registry.otlp.OtlpMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A user who exports to OpenTelemetry (OTLP) instead of Prometheus: the starter's Prometheus registry excluded (this
 * module's test class path has none) and {@code micrometer-registry-otlp} added. Boots a web application, lets
 * Micrometer push to a local OTLP/HTTP receiver, and checks that every meter docs/metrics.md lists registers (but
 * those that need what this JVM does not have, each with its reason) and that ours reach the receiver.
 */
class OtlpBackendTests {

	/** Documented meters that cannot register in this test, and why. */
	private static final Map<String, String> NOT_HERE = Map.of(
			"memory.audit.native.committed", "needs -XX:NativeMemoryTracking, which only a new JVM can turn on",
			"memory.audit.scrape.size", "the size of a Prometheus scrape: only with the Prometheus registry",
			"memory.audit.scrape.samples", "the samples of a Prometheus scrape: only with the Prometheus registry",
			"memory.audit.virtual.threads", "only with virtual threads on JDK 25 (VirtualThreadsEndToEndTests)");

	@TempDir
	Path store;

	@Test
	void withOtlpInsteadOfPrometheusEveryDocumentedMeterRegistersAndIsPushed() throws Exception {
		assertThat(ClassUtils.isPresent("io.micrometer.prometheusmetrics.PrometheusMeterRegistry", null))
			.as("the premise: no Prometheus registry on this class path").isFalse();
		List<byte[]> pushed = new CopyOnWriteArrayList<>();
		HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		receiver.createContext("/v1/metrics", (exchange) -> {
			pushed.add(exchange.getRequestBody().readAllBytes());
			exchange.sendResponseHeaders(200, -1);
			exchange.close();
		});
		receiver.start();
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(App.class).properties(
				"server.port=0", "management.otlp.metrics.export.url=http://127.0.0.1:"
						+ receiver.getAddress().getPort() + "/v1/metrics",
				"management.otlp.metrics.export.step=1s", "memory.audit.snapshot.interval=500ms",
				"memory.audit.snapshot.initial-delay=0s", "memory.audit.store.directory=" + this.store)
			.run()) {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(backends(registry)).as("the application's registries").hasAtLeastOneElementOfType(
					OtlpMeterRegistry.class);
			Set<String> documented = documentedMeters();
			assertThat(documented).as("meters listed in docs/metrics.md").hasSizeGreaterThan(30);
			awaitTicks(registry, 4);
			Set<String> registered = registry.getMeters()
				.stream()
				.map((meter) -> meter.getId().getName())
				.filter((name) -> name.startsWith("memory.audit."))
				.collect(Collectors.toCollection(TreeSet::new));
			Set<String> expected = new TreeSet<>(documented);
			expected.removeAll(NOT_HERE.keySet());
			assertThat(registered).as("memory.audit meters registered with OTLP as the only backend")
				.containsAll(expected);
			long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
			while (!pushedContains(pushed, "memory.audit.live") && System.nanoTime() < deadline) {
				Thread.sleep(200);
			}
			assertThat(pushedContains(pushed, "memory.audit.live")).as("an OTLP push carrying memory.audit.live")
				.isTrue();
			assertThat(pushedContains(pushed, "memory.audit.tick")).isTrue();
		}
		finally {
			receiver.stop(0);
		}
	}

	private static List<MeterRegistry> backends(MeterRegistry registry) {
		return (registry instanceof CompositeMeterRegistry composite) ? List.copyOf(composite.getRegistries())
				: List.of(registry);
	}

	private static void awaitTicks(MeterRegistry registry, int ticks) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (System.nanoTime() < deadline) {
			FunctionCounter counter = registry.find("memory.audit.ticks").functionCounter();
			if (counter != null && counter.count() >= ticks) {
				return;
			}
			Thread.sleep(100);
		}
		throw new AssertionError("fewer than " + ticks + " snapshot ticks in 20 s");
	}

	private static boolean pushedContains(List<byte[]> pushed, String name) {
		byte[] wanted = name.getBytes(StandardCharsets.UTF_8);
		return pushed.stream().anyMatch((body) -> indexOf(body, wanted) >= 0);
	}

	private static int indexOf(byte[] body, byte[] wanted) {
		outer: for (int i = 0; i <= body.length - wanted.length; i++) {
			for (int j = 0; j < wanted.length; j++) {
				if (body[i + j] != wanted[j]) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}

	/** The Micrometer names in the first column of docs/metrics.md's meter table. */
	static Set<String> documentedMeters() throws IOException {
		Pattern row = Pattern.compile("^\\| `(memory\\.audit\\.[a-z.]+)` \\| `memory_audit_");
		Set<String> names = new TreeSet<>();
		for (String line : Files.readAllLines(Path.of("..", "docs", "metrics.md"))) {
			Matcher matcher = row.matcher(line);
			if (matcher.find()) {
				names.add(matcher.group(1));
			}
		}
		return names;
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class App {

	}

}
