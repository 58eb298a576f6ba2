package dev.memoryaudit.audit.unseen;

import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.memoryaudit.audit.AuditReport;
import dev.memoryaudit.audit.Finding;
import dev.memoryaudit.audit.MemoryAuditor;
import dev.memoryaudit.audit.Severity;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application the probes were not written against: a controller that tags a meter with the customer id and
 * compiles a "template" (a proxy class in a fresh class loader) per request. Booted on a random port with the
 * starter's defaults except compressed time (500 ms ticks, 2 s warm-up, 6 s window), and called over HTTP, it must be
 * reported with the meter name and tag and with the loader type, without any probe configuration.
 */
class UnseenAppLeaksTests {

	@Test
	void aGrowingTagValueAndClassesPerRequestAreFoundWithoutConfiguration() throws Exception {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(UnseenApp.class)
			.properties("server.port=0", "server.address=127.0.0.1", "memory.audit.snapshot.interval=500ms",
					"memory.audit.snapshot.initial-delay=0s", "memory.audit.trend.warmup=2s",
					"memory.audit.trend.window=6s", "memory.audit.trend.min-points=5",
					"memory.audit.histogram.interval=0s", "memory.audit.marking.enabled=false")
			.run()) {
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
			MemoryAuditor auditor = context.getBean(MemoryAuditor.class);
			long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
			Finding meters = null;
			Finding classes = null;
			AuditReport report = null;
			for (int i = 0; (meters == null || classes == null) && System.nanoTime() < deadline; i++) {
				for (String path : List.of("/orders/" + i, "/render/" + i)) {
					HttpResponse<String> response = http.send(HttpRequest
						.newBuilder(URI.create("http://127.0.0.1:" + port + path))
						.timeout(Duration.ofSeconds(5))
						.build(), HttpResponse.BodyHandlers.ofString());
					assertThat(response.statusCode()).as(path).isEqualTo(200);
				}
				Thread.sleep(20);
				if (i % 5 == 0) {
					report = auditor.latest();
					meters = find(report, Severity.METER_CARDINALITY_GROWING, "orders.viewed");
					classes = find(report, Severity.CLASSES_GROWING, TemplateLoader.class.getName());
				}
			}
			assertThat(meters).as("meter finding; probes: %s", (report != null) ? report.probes() : null).isNotNull();
			assertThat(meters.message()).contains("tag 'customer'");
			assertThat(classes).as("class finding; findings: %s", (report != null) ? report.findings() : null)
				.isNotNull();
			assertThat(classes.message()).contains("loader type " + TemplateLoader.class.getName());
		}
	}

	private static Finding find(AuditReport report, Severity severity, String structure) {
		return report.findings()
			.stream()
			.filter((f) -> f.severity() == severity && f.structure().equals(structure))
			.findFirst()
			.orElse(null);
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(LeakyController.class)
	static class UnseenApp {

	}

	@RestController
	static class LeakyController {

		private final MeterRegistry registry;

		private final List<Object> templates = new CopyOnWriteArrayList<>();

		LeakyController(MeterRegistry registry) {
			this.registry = registry;
		}

		@GetMapping("/orders/{customer}")
		String orders(@PathVariable String customer) {
			Counter.builder("orders.viewed").tag("customer", customer).register(this.registry).increment();
			return "ok";
		}

		@GetMapping("/render/{name}")
		String render(@PathVariable String name) {
			TemplateLoader loader = new TemplateLoader(getClass().getClassLoader());
			for (Class<?> type : List.of(Runnable.class, AutoCloseable.class, Comparable.class, Iterable.class)) {
				this.templates.add(Proxy.newProxyInstance(loader, new Class<?>[] { type }, (p, m, a) -> null));
			}
			return name;
		}

	}

	/**
	 * The class loader the application creates per rendered template.
	 */
	static final class TemplateLoader extends ClassLoader {

		TemplateLoader(ClassLoader parent) {
			super(parent);
		}

	}

}
