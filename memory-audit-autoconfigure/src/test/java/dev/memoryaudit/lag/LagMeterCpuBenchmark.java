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
		int[] resolutions = (args.length > 1)
				? java.util.Arrays.stream(args[1].split(",")).mapToInt(Integer::parseInt).toArray() : new int[] { 10, 1 };
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		System.out.printf("java %s, %d cores, %d s per row%n", System.getProperty("java.version"),
				Runtime.getRuntime().availableProcessors(), seconds);
		System.out.println("| resolution | timer | samples | thread CPU ms | % of one core | CPU per sample (us) | max lag ms |");
		System.out.println("|---|---|---|---|---|---|---|");
		for (int resolutionMillis : resolutions) {
			parkOnly(threads, resolutionMillis, seconds);
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

	/**
	 * The floor: a thread that only parks for the resolution and records nothing, what any sleeping sampler pays.
	 */
	private static void parkOnly(ThreadMXBean threads, int resolutionMillis, int seconds) throws Exception {
		long resolution = TimeUnit.MILLISECONDS.toNanos(resolutionMillis);
		long[] wakeUps = new long[1];
		Thread thread = new Thread(() -> {
			while (!Thread.currentThread().isInterrupted()) {
				java.util.concurrent.locks.LockSupport.parkNanos(resolution);
				wakeUps[0]++;
			}
		}, "park-only");
		thread.setDaemon(true);
		thread.start();
		Thread.sleep(1000);
		long cpuStart = threads.getThreadCpuTime(thread.getId());
		long wakeStart = wakeUps[0];
		long wallStart = System.nanoTime();
		Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
		long cpu = threads.getThreadCpuTime(thread.getId()) - cpuStart;
		long wall = System.nanoTime() - wallStart;
		long samples = wakeUps[0] - wakeStart;
		thread.interrupt();
		thread.join();
		System.out.printf("| %d ms | park only (floor) | %d | %.1f | %.3f%% | %.1f | - |%n", resolutionMillis, samples,
				cpu / 1e6, 100.0 * cpu / wall, cpu / 1e3 / samples);
	}

}
