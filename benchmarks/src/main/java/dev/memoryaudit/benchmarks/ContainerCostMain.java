package dev.memoryaudit.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import dev.memoryaudit.autoconfigure.JacksonSnapshotCodec;
import dev.memoryaudit.container.CgroupLocation;
import dev.memoryaudit.container.CgroupLocator;
import dev.memoryaudit.container.ContainerMemorySampler;
import dev.memoryaudit.container.ContainerReport;
import dev.memoryaudit.snapshot.GcMonitor;
import dev.memoryaudit.snapshot.PlatformProcessProbe;
import dev.memoryaudit.snapshot.Snapshot;
import dev.memoryaudit.snapshot.SnapshotCapturer;
import dev.memoryaudit.store.SnapshotStore;
import dev.memoryaudit.trend.TrendThresholds;

/**
 * What container memory costs per tick, and what the persisted history costs per snapshot with each durability:
 * <ol>
 * <li>reading this process's memory cgroup ({@link ContainerMemorySampler#sample()}: about ten small files);</li>
 * <li>assessing the container section over a full 6-hour window of 360 one-minute snapshots (trend, breakdown and
 * every part's slope);</li>
 * <li>appending one real snapshot to the store without forcing, forcing after every snapshot ({@code fsync}), and
 * forcing once a minute at one snapshot a minute (the default: one force per snapshot too), in a directory on the
 * file system under test (argument 1, default {@code java.io.tmpdir}).</li>
 * </ol>
 * Each arm alternates with the others for {@code rounds} rounds (argument 2, default 5) and reports the median and the
 * spread of the rounds' medians. Run it alone on the machine:
 * {@code java -cp benchmarks/target/benchmarks.jar dev.memoryaudit.benchmarks.ContainerCostMain /var/tmp 5}.
 */
public final class ContainerCostMain {

	private ContainerCostMain() {
	}

	public static void main(String[] args) throws Exception {
		Path base = Path.of((args.length > 0) ? args[0] : System.getProperty("java.io.tmpdir"));
		int rounds = (args.length > 1) ? Integer.parseInt(args[1]) : 5;
		CgroupLocation location = CgroupLocator.platform().locate();
		System.out.println("cgroup: " + (location.available() ? location.version() + " " + location.directory()
				: "unavailable: " + location.unavailableReason()));
		ContainerMemorySampler sampler = new ContainerMemorySampler(location, Clock.systemUTC());
		GcMonitor gcMonitor = GcMonitor.forPlatform();
		gcMonitor.start();
		SnapshotCapturer capturer = new SnapshotCapturer(gcMonitor, new PlatformProcessProbe(), List.of(sampler),
				Clock.systemUTC());
		List<Snapshot> window = syntheticWindow(capturer, 360);
		ContainerReport report = new ContainerReport(sampler, TrendThresholds.defaults(), Duration.ofHours(24));
		JacksonSnapshotCodec codec = new JacksonSnapshotCodec();
		List<double[]> read = new ArrayList<>();
		List<double[]> assess = new ArrayList<>();
		List<double[]> writeOnly = new ArrayList<>();
		List<double[]> writeSync = new ArrayList<>();
		for (int round = 0; round < rounds; round++) {
			read.add(time(2_000, () -> sampler.sample()));
			assess.add(time(50, () -> report.assess(window)));
			writeOnly.add(store(base, codec, capturer, null, 300));
			writeSync.add(store(base, codec, capturer, Duration.ZERO, 300));
		}
		System.out.println();
		System.out.println("| what | median per call (µs) | spread of " + rounds + " rounds' medians (µs) |");
		System.out.println("|---|---|---|");
		row("read the cgroup (one tick's container figures)", read);
		row("assess the container section, 360 snapshots", assess);
		row("append one snapshot, no force", writeOnly);
		row("append one snapshot and force it (fsync)", writeSync);
		System.out.println();
		System.out.printf(Locale.ROOT, "load average at the end: %s%n",
				Files.readString(Path.of("/proc/loadavg")).trim());
		gcMonitor.close();
	}

	private static List<Snapshot> syntheticWindow(SnapshotCapturer capturer, int n) {
		List<Snapshot> window = new ArrayList<>();
		Snapshot real = capturer.capture(1, 0L);
		for (int i = 0; i < n; i++) {
			java.util.Map<String, Long> extra = new java.util.HashMap<>(real.extraSeries());
			long grown = i * 1024L * 1024;
			extra.computeIfPresent(ContainerMemorySampler.WORKING_SET, (k, v) -> v + grown);
			extra.computeIfPresent(ContainerMemorySampler.USAGE, (k, v) -> v + grown);
			window.add(new Snapshot(i + 1, real.time().minusSeconds(60L * (n - i)), real.uptimeMillis() + 60_000L * i,
					real.heap(), real.liveSetBytes(), real.liveSetSource(), real.gc(), real.pools(),
					real.nonHeapCommitted(), real.bufferPools(), real.collectors(), real.threads(),
					real.loadedClasses(), real.rssBytes(), real.openFds(), real.maxFds(), extra, real.captureNanos(),
					real.startLagMillis(), real.jvmStartMillis()));
		}
		return window;
	}

	private static double[] store(Path base, JacksonSnapshotCodec codec, SnapshotCapturer capturer,
			Duration syncInterval, int n) throws Exception {
		Path directory = Files.createTempDirectory(base, "memory-audit-store-bench");
		SnapshotStore store = new SnapshotStore(directory.resolve("history"), codec, 64L * 1024 * 1024,
				Duration.ofDays(1), Clock.systemUTC(), SnapshotStore.Appender.FILES, syncInterval, 1L);
		store.restore();
		Snapshot snapshot = capturer.capture(1, 0L);
		double[] micros = new double[n];
		for (int i = 0; i < n; i++) {
			long start = System.nanoTime();
			store.accept(snapshot);
			micros[i] = (System.nanoTime() - start) / 1000.0;
		}
		try (var files = Files.walk(directory)) {
			files.sorted(java.util.Comparator.reverseOrder()).forEach((p) -> p.toFile().delete());
		}
		return micros;
	}

	private static double[] time(int n, Runnable action) {
		for (int i = 0; i < Math.min(n, 100); i++) {
			action.run();
		}
		double[] micros = new double[n];
		for (int i = 0; i < n; i++) {
			long start = System.nanoTime();
			action.run();
			micros[i] = (System.nanoTime() - start) / 1000.0;
		}
		return micros;
	}

	private static void row(String what, List<double[]> rounds) {
		double[] medians = rounds.stream().mapToDouble(ContainerCostMain::median).sorted().toArray();
		System.out.printf(Locale.ROOT, "| %s | %.1f | %.1f – %.1f |%n", what, median(medians), medians[0],
				medians[medians.length - 1]);
	}

	private static double median(double[] values) {
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		int n = sorted.length;
		return (n % 2 == 1) ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
	}

}
