package dev.memoryaudit.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import com.sun.management.HotSpotDiagnosticMXBean;

/**
 * Pause of a class histogram ({@code -all}, default and explicit {@code -parallel}) against
 * {@code HotSpotDiagnosticMXBean.dumpHeap} (what {@code /actuator/heapdump} does) on the same live heaps of about
 * 256 MiB, 1 GiB and 2 GiB, in one JVM. Run with {@code -Xmx3g}. A ticker thread sleeping 1 ms records the longest
 * stall it saw during each operation: the pause the application felt. Dumps go to a private temporary directory and
 * are deleted after measuring.
 */
public final class PauseMain {

	private static final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

	private static final List<Object> retained = new ArrayList<>();

	private PauseMain() {
	}

	public static void main(String[] args) throws Exception {
		long[] targetsMib = { 256, 1024, 2048 };
		Path dir = Files.createTempDirectory("memory-audit-pause",
				PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
		Ticker ticker = new Ticker();
		ticker.start();
		Random random = new Random(42);
		System.out.println("| live heap | operation | pause felt (max stall) | call duration | bytes produced |");
		System.out.println("|---|---|---|---|---|");
		try {
			for (long target : targetsMib) {
				fill(target * 1024 * 1024, random);
				String live = mib(liveAfterGc());
				measure(live, "histogram `-all`", ticker, () -> histogram("-all"));
				measure(live, "histogram `-all -parallel=1`", ticker, () -> histogram("-all", "-parallel=1"));
				measure(live, "histogram `-all -parallel=2`", ticker, () -> histogram("-all", "-parallel=2"));
				measure(live, "live histogram (full GC first: a confirmation)", ticker, () -> histogram());
				Path dump = dir.resolve("heap-" + target + ".hprof");
				measure(live, "`dumpHeap(live=true)` (heapdump endpoint)", ticker, () -> dump(dump, true));
				Path dumpAll = dir.resolve("heap-" + target + "-all.hprof");
				measure(live, "`dumpHeap(live=false)`", ticker, () -> dump(dumpAll, false));
			}
		}
		finally {
			ticker.interrupt();
			try (var files = Files.list(dir)) {
				for (Path file : files.toList()) {
					Files.deleteIfExists(file);
				}
			}
			Files.deleteIfExists(dir);
		}
		System.out.println();
		System.out.println("objects retained: " + retained.size() + " maps; JVM " + System.getProperty("java.vm.version")
				+ ", GC " + ManagementFactory.getGarbageCollectorMXBeans().get(0).getName());
	}

	interface Operation {

		long run() throws Exception;

	}

	private static void measure(String live, String name, Ticker ticker, Operation operation) throws Exception {
		System.gc();
		Thread.sleep(200);
		ticker.reset();
		long start = System.nanoTime();
		long bytes = operation.run();
		long millis = (System.nanoTime() - start) / 1_000_000;
		Thread.sleep(50);
		System.out.printf(Locale.ROOT, "| %s | %s | %d ms | %d ms | %s |%n", live, name, ticker.maxStallMillis(), millis,
				mib(bytes));
	}

	private static long histogram(String... args) throws Exception {
		MBeanServer server = ManagementFactory.getPlatformMBeanServer();
		Object result = server.invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
				new Object[] { args }, new String[] { String[].class.getName() });
		return ((String) result).length();
	}

	private static long dump(Path file, boolean live) throws IOException {
		HotSpotDiagnosticMXBean bean = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
		bean.dumpHeap(file.toString(), live);
		long size = Files.size(file);
		Files.delete(file);
		return size;
	}

	/**
	 * Grows a realistic object graph (maps of small domain objects holding strings, boxed values and byte arrays of
	 * 64 to 1,024 bytes) until the live heap reaches the target.
	 */
	private static void fill(long targetBytes, Random random) {
		long key = retained.size() * 1_000_000L;
		while (liveAfterGc() < targetBytes) {
			Map<Long, Order> map = new HashMap<>();
			for (int i = 0; i < 20_000; i++) {
				key++;
				map.put(key, new Order(key, "customer-" + random.nextInt(1_000_000), random.nextDouble() * 1000,
						new byte[64 + random.nextInt(960)], List.of("item-" + (key % 97), "item-" + (key % 89))));
			}
			retained.add(map);
		}
	}

	private static long liveAfterGc() {
		System.gc();
		return memory.getHeapMemoryUsage().getUsed();
	}

	private static String mib(long bytes) {
		if (bytes < 10 * 1024 * 1024) {
			return String.format(Locale.ROOT, "%.0f KiB", bytes / 1024.0);
		}
		return String.format(Locale.ROOT, "%.0f MiB", bytes / 1024.0 / 1024.0);
	}

	record Order(long id, String customer, double amount, byte[] payload, List<String> items) {
	}

	/** Sleeps 1 ms in a loop and records the longest gap between wake-ups since the last reset. */
	static final class Ticker extends Thread {

		private final AtomicLong maxGapNanos = new AtomicLong();

		Ticker() {
			super("pause-ticker");
			setDaemon(true);
		}

		void reset() {
			this.maxGapNanos.set(0);
		}

		long maxStallMillis() {
			return this.maxGapNanos.get() / 1_000_000;
		}

		@Override
		public void run() {
			long last = System.nanoTime();
			while (!isInterrupted()) {
				try {
					Thread.sleep(1);
				}
				catch (InterruptedException ex) {
					return;
				}
				long now = System.nanoTime();
				this.maxGapNanos.accumulateAndGet(now - last, Math::max);
				last = now;
			}
		}

	}

}
