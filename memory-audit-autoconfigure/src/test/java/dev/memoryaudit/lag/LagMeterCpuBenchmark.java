package dev.memoryaudit.lag;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import dev.memoryaudit.metrics.LagMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Measures the CPU time the {@code memory-audit-lag} thread consumes, as a percentage of one core, at several
 * resolutions, bare and feeding the Micrometer timer with its percentile histogram. A benchmark, not a test: run it
 * on a quiet machine with {@code java -cp ... dev.memoryaudit.lag.LagMeterCpuBenchmark [seconds]}.
 */
public final class LagMeterCpuBenchmark {

	private LagMeterCpuBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int seconds = (args.length > 0) ? Integer.parseInt(args[0]) : 30;
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		System.out.printf("java %s, %d cores, %d s per row%n", System.getProperty("java.version"),
				Runtime.getRuntime().availableProcessors(), seconds);
		System.out.println("| resolution | timer | samples | thread CPU ms | % of one core | CPU per sample (us) | max lag ms |");
		System.out.println("|---|---|---|---|---|---|---|");
		for (int resolutionMillis : new int[] { 10, 1 }) {
			for (boolean timer : new boolean[] { false, true }) {
				LagMonitor monitor = new LagMonitor(Duration.ofMillis(resolutionMillis), Duration.ofHours(1));
				if (timer) {
					new LagMetrics(monitor, null).bindTo(new SimpleMeterRegistry());
				}
				monitor.start();
				Thread.sleep(1000); // warm-up: JIT and first samples
				long id = monitor.thread().getId();
				long cpuStart = threads.getThreadCpuTime(id);
				int samplesStart = monitor.summary().samples();
				long wallStart = System.nanoTime();
				Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
				long cpu = threads.getThreadCpuTime(id) - cpuStart;
				long wall = System.nanoTime() - wallStart;
				LagSummary summary = monitor.summary();
				int samples = summary.samples() - samplesStart;
				monitor.close();
				System.out.printf("| %d ms | %s | %d | %.1f | %.3f%% | %.1f | %.1f |%n", resolutionMillis,
						timer ? "yes" : "no", samples, cpu / 1e6, 100.0 * cpu / wall, cpu / 1e3 / samples,
						summary.maxMillis());
			}
		}
	}

}
