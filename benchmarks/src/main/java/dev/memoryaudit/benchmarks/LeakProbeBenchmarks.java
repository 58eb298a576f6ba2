package dev.memoryaudit.benchmarks;

import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.memoryaudit.audit.classes.ClassLoaderCommands;
import dev.memoryaudit.audit.classes.ClassLoadingProbe;
import dev.memoryaudit.audit.meters.MeterCardinalityProbe;
import dev.memoryaudit.audit.sessions.HttpSessionProbe;
import dev.memoryaudit.audit.sessions.TomcatSessionSource;
import dev.memoryaudit.audit.threadlocals.ThreadLocalProbe;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost per snapshot tick of each leak probe ({@code LeakProbe.sample()}), on real sources: a Prometheus registry of
 * {@code meters} meters under 100 names (plus the scrape rendered every n-th tick, measured on its own), this JVM's
 * class-loading beans and class-loader diagnostic commands over 2,000 extra loaders, an embedded Tomcat with 1,000
 * sessions, and 64 pooled threads with 20 thread-locals each (the fork opens {@code java.lang} so that they can be
 * read). Run alone: {@code java -jar benchmarks/target/benchmarks.jar LeakProbeBenchmarks}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = { "-Xmx1g", "--add-opens", "java.base/java.lang=ALL-UNNAMED" })
@State(Scope.Benchmark)
public class LeakProbeBenchmarks {

	@Param({ "1000", "10000" })
	public int meters;

	private PrometheusMeterRegistry registry;

	private MeterCardinalityProbe meterProbe;

	private ClassLoadingProbe classesMxBeansOnly;

	private ClassLoadingProbe classesWithStats;

	private final ClassLoaderCommands commands = ClassLoaderCommands.diagnosticCommand();

	private final List<Object> loaders = new ArrayList<>();

	private Tomcat tomcat;

	private HttpSessionProbe sessionProbe;

	private ExecutorService pool;

	private ThreadLocalProbe threadLocalProbe;

	@Setup(Level.Trial)
	public void setUp() throws Exception {
		this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
		for (int i = 0; i < this.meters; i++) {
			Timer.builder("app.requests." + (i % 100)).tag("uri", "/orders/" + i).tag("method", "GET")
				.tag("status", "200").register(this.registry).record(java.time.Duration.ofMillis(3));
		}
		// scrape rendering is measured by scrape(); sample() here is the per-tick census without it
		this.meterProbe = new MeterCardinalityProbe(() -> this.registry,
				new MeterCardinalityProbe.Settings(10, 2000, 1000, 50, 65536, 0));
		for (int i = 0; i < 2000; i++) {
			ClassLoader loader = new ClassLoader(LeakProbeBenchmarks.class.getClassLoader()) {
			};
			this.loaders.add(Proxy.newProxyInstance(loader, new Class<?>[] { Runnable.class }, (p, m, a) -> null));
		}
		this.classesMxBeansOnly = new ClassLoadingProbe(new ClassLoadingProbe.Settings(500, 16 << 20, 0));
		this.classesWithStats = new ClassLoadingProbe(new ClassLoadingProbe.Settings(500, 16 << 20, 1));
		this.tomcat = new Tomcat();
		this.tomcat.setBaseDir(Files.createTempDirectory("bench-tomcat").toString());
		this.tomcat.setPort(0);
		this.tomcat.getConnector();
		Context context = this.tomcat.addContext("", Files.createTempDirectory("bench-context").toString());
		this.tomcat.start();
		for (int i = 0; i < 1000; i++) {
			context.getManager().createSession(null);
		}
		this.sessionProbe = new HttpSessionProbe(new TomcatSessionSource(() -> this.tomcat), 100);
		AtomicInteger ids = new AtomicInteger();
		this.pool = Executors.newFixedThreadPool(64, (r) -> {
			Thread thread = new Thread(r, "bench-worker-" + ids.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
		CountDownLatch filled = new CountDownLatch(64);
		for (int i = 0; i < 64; i++) {
			this.pool.execute(() -> {
				for (int j = 0; j < 20; j++) {
					new ThreadLocal<List<String>>().set(new ArrayList<>(List.of("a", "b")));
				}
				filled.countDown();
			});
		}
		filled.await();
		this.threadLocalProbe = new ThreadLocalProbe(new ThreadLocalProbe.Settings(64, 10, 1000));
		if (this.threadLocalProbe.unavailable() != null) {
			throw new IllegalStateException(this.threadLocalProbe.unavailable());
		}
	}

	@TearDown(Level.Trial)
	public void tearDown() throws Exception {
		this.tomcat.stop();
		this.tomcat.destroy();
		this.pool.shutdownNow();
		this.registry.close();
	}

	@Benchmark
	public Object meterRegistryTick() {
		return this.meterProbe.sample();
	}

	@Benchmark
	public Object meterRegistryScrape() {
		return this.registry.scrape();
	}

	@Benchmark
	public Object classLoadingTick() {
		return this.classesMxBeansOnly.sample();
	}

	@Benchmark
	public Object classLoadingTickWithLoaderStats() {
		return this.classesWithStats.sample();
	}

	@Benchmark
	public Object classLoaderTree() throws Exception {
		return this.commands.classLoaderTree();
	}

	@Benchmark
	public Object httpSessionsTick() {
		return this.sessionProbe.sample();
	}

	@Benchmark
	public Object threadLocalsTick() {
		return this.threadLocalProbe.sample();
	}


}
