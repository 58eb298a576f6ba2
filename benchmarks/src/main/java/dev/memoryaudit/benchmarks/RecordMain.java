package dev.memoryaudit.benchmarks;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import dev.memoryaudit.accuracy.Trace;
import dev.memoryaudit.accuracy.TraceCsv;
import dev.memoryaudit.accuracy.TraceRow;
import dev.memoryaudit.snapshot.GcMonitor;
import dev.memoryaudit.snapshot.GcWindow;
import dev.memoryaudit.snapshot.PlatformProcessProbe;
import dev.memoryaudit.snapshot.Snapshot;
import dev.memoryaudit.snapshot.SnapshotCapturer;

/**
 * Records a real trace in-process: runs a workload (short-lived garbage, a cache churning at its cap, optionally a
 * leak from tick 60) and captures a snapshot with the real capturer and GC monitor every tick. Time is compressed:
 * ticks are {@code tickMillis} apart in real time but written one minute apart, so the leak rate in the ground truth
 * is per compressed hour (60 ticks).
 * <p>
 * Usage: {@code RecordMain <out.csv> <ticks> <tickMillis> <leakPctOfMaxPerHour>}; run with the collector to record,
 * e.g. {@code -Xmx256m -XX:+UseParallelGC}.
 */
public final class RecordMain {

	private static final int LEAK_START = 60;

	private static volatile boolean running = true;

	private RecordMain() {
	}

	public static void main(String[] args) throws Exception {
		Path out = Path.of(args[0]);
		int ticks = Integer.parseInt(args[1]);
		long tickMillis = Long.parseLong(args[2]);
		double leakPct = Double.parseDouble(args[3]);
		long heapMax = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax();
		long leakPerTick = (long) (leakPct / 100 * heapMax / 60);
		GcMonitor gcMonitor = GcMonitor.forPlatform();
		gcMonitor.start();
		SnapshotCapturer capturer = new SnapshotCapturer(gcMonitor, new PlatformProcessProbe(), List.of(),
				Clock.systemUTC());
		Thread workload = new Thread(RecordMain::workload, "workload");
		workload.setDaemon(true);
		workload.start();
		List<byte[]> leaked = new ArrayList<>();
		List<TraceRow> rows = new ArrayList<>();
		long start = System.currentTimeMillis();
		String gc = ManagementFactory.getGarbageCollectorMXBeans().get(0).getName().startsWith("G1") ? "g1" : "parallel";
		for (int tick = 0; tick < ticks; tick++) {
			Thread.sleep(tickMillis);
			if (tick >= LEAK_START) {
				for (long b = 0; b < leakPerTick; b += 1024) {
					leaked.add(new byte[1024]);
				}
			}
			Snapshot s = capturer.capture(tick + 1, 0L);
			GcWindow w = s.gc();
			rows.add(new TraceRow(start + tick * 60_000L, 60_000L + tick * 60_000L, s.heap().used(), heapMax,
					w.afterGcFloor(), w.reclaimedFloor(), w.reclaimingCollections(),
					(leakPerTick > 0 && tick >= LEAK_START) ? "leak" : "base"));
		}
		running = false;
		String name = "recorded-" + gc + "-leak-" + leakPct + "pct";
		boolean leak = leakPct > 0;
		Files.createDirectories(out.toAbsolutePath().getParent());
		TraceCsv.write(new Trace(name, "recorded", gc + "-in-process", leak, leak ? LEAK_START : -1, leakPct / 100,
				rows), out);
		System.out.println("wrote " + out + " (" + rows.size() + " ticks, leaked " + leaked.size() + " KiB)");
		gcMonitor.close();
	}

	/** ~8 MiB/s of short-lived garbage and a 40,000-entry LRU cache of 1 KiB values replaced at ~2,000 puts/s. */
	private static void workload() {
		Random random = new Random(7);
		Map<Integer, byte[]> cache = new LinkedHashMap<>(16, 0.75f, true) {
			@Override
			protected boolean removeEldestEntry(Map.Entry<Integer, byte[]> eldest) {
				return size() > 40_000;
			}
		};
		long sink = 0;
		while (running) {
			for (int i = 0; i < 200; i++) {
				byte[] garbage = new byte[4096];
				sink += garbage.length;
				cache.put(random.nextInt(200_000), new byte[1024]);
			}
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				return;
			}
		}
		if (sink == 42) {
			System.out.println(cache.size());
		}
	}

}
