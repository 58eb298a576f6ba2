package dev.memoryaudit.benchmarks;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import dev.memoryaudit.engine.HistogramRecord;
import dev.memoryaudit.histogram.ClassHistogramParser;
import dev.memoryaudit.snapshot.GcMonitor;
import dev.memoryaudit.snapshot.PlatformProcessProbe;
import dev.memoryaudit.snapshot.Ring;
import dev.memoryaudit.snapshot.Snapshot;
import dev.memoryaudit.snapshot.SnapshotCapturer;

/**
 * The starter's own memory: heap retained by a full default history, the rings the engine keeps (1,440 real snapshots
 * captured from this JVM, 48 histograms of 200 classes each parsed from distinct 5,000-class texts), measured as the
 * difference in heap used after full collections before and after filling them.
 */
public final class FootprintMain {

	private FootprintMain() {
	}

	public static void main(String[] args) throws Exception {
		GcMonitor gcMonitor = GcMonitor.forPlatform();
		gcMonitor.start();
		SnapshotCapturer capturer = new SnapshotCapturer(gcMonitor, new PlatformProcessProbe(), List.of(),
				Clock.systemUTC());
		capturer.capture(0, null);
		List<String> texts = new java.util.ArrayList<>();
		for (int i = 0; i < 48; i++) {
			texts.add(HistogramTexts.generate(5_000, i, 1 + i / 48.0));
		}
		long before = usedAfterGc();
		Ring<Snapshot> snapshots = new Ring<>(1440);
		for (int i = 1; i <= 1440; i++) {
			System.gc(); // every snapshot then carries a GC window with floors, as in a running service
			snapshots.add(capturer.capture(i, 0L));
		}
		long afterSnapshots = usedAfterGc();
		Ring<HistogramRecord> histograms = new Ring<>(48);
		for (int i = 0; i < 48; i++) {
			histograms.add(new HistogramRecord(i * 30L, "scheduled", ClassHistogramParser.parse(texts.get(i), 200, false,
					Instant.now(), Duration.ofMillis(300))));
		}
		long afterHistograms = usedAfterGc();
		System.out.println("| what | retained |");
		System.out.println("|---|---|");
		System.out.printf(Locale.ROOT, "| 1,440 snapshots (%d pools, %d collectors each) | %s |%n",
				snapshots.toList().get(0).pools().size(), snapshots.toList().get(0).collectors().size(),
				kib(afterSnapshots - before));
		System.out.printf(Locale.ROOT, "| 48 histograms of 200 classes | %s |%n", kib(afterHistograms - afterSnapshots));
		System.out.printf(Locale.ROOT, "| full history | %s |%n", kib(afterHistograms - before));
		System.out.println();
		System.out.println("(kept reachable: " + snapshots.toList().size() + " snapshots, "
				+ histograms.toList().size() + " histograms; texts reachable throughout, so they cancel out: "
				+ texts.size() + ")");
		gcMonitor.close();
	}

	private static long usedAfterGc() throws InterruptedException {
		long min = Long.MAX_VALUE;
		for (int i = 0; i < 3; i++) {
			System.gc();
			Thread.sleep(100);
			min = Math.min(min, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
		}
		return min;
	}

	private static String kib(long bytes) {
		return String.format(Locale.ROOT, "%.0f KiB (%.2f MiB)", bytes / 1024.0, bytes / 1024.0 / 1024.0);
	}

}
