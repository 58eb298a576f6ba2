package dev.memoryaudit.benchmarks;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * What G1's liveness log ({@code gc+liveness=trace}, the exact-point source the starter turns on at run time) adds to
 * the remark and cleanup pauses, on a live heap of the given size. One JVM, one heap, arms alternated cycle by cycle:
 * before each requested concurrent cycle ({@code System.gc()} with {@code -XX:+ExplicitGCInvokesConcurrent}) the
 * liveness output is turned on or off with {@code VM.log}; the pauses are read from a second output ({@code gc=info},
 * "Pause Remark ... 12.345ms", "Pause Cleanup ..."). Prints one markdown row per arm with the median, minimum and
 * maximum of each pause and the bytes the liveness log took per cycle.
 * <p>
 * Run with {@code java -Xmx3g -XX:+UseG1GC -XX:+ExplicitGCInvokesConcurrent -cp benchmarks.jar
 * dev.memoryaudit.benchmarks.MarkingLogPauseMain [live MiB, default 2048] [cycles per arm, default 10]}, alone on the
 * machine.
 */
public final class MarkingLogPauseMain {

	private static final Pattern PAUSE = Pattern.compile("GC\\((\\d+)\\) Pause (Remark|Cleanup) .*?([0-9.]+)ms");

	private static final List<Object> retained = new ArrayList<>();

	private MarkingLogPauseMain() {
	}

	public static void main(String[] args) throws Exception {
		long liveMib = (args.length > 0) ? Long.parseLong(args[0]) : 2048;
		int cycles = (args.length > 1) ? Integer.parseInt(args[1]) : 10;
		Path dir = Files.createTempDirectory("memory-audit-marking-pause",
				PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
		Path pauses = dir.resolve("pauses.log");
		Path liveness = dir.resolve("liveness.log");
		vmLog("output=" + pauses, "what=gc=info", "decorators=uptime");
		fill(liveMib);
		List<double[]> on = new ArrayList<>();
		List<double[]> off = new ArrayList<>();
		List<Long> bytes = new ArrayList<>();
		for (int i = 0; i < 2 * cycles + 2; i++) {
			boolean logOn = i % 2 == 0;
			if (logOn) {
				// VM.log archives an existing file as liveness.log.N and starts a fresh one
				vmLog("output=" + liveness, "what=gc+liveness=trace", "decorators=timemillis,tags");
			}
			double[] pause = cycle(pauses);
			if (logOn) {
				vmLog("output=" + liveness, "what=all=off");
				bytes.add(Files.size(liveness));
			}
			if (i >= 2) { // the first cycle of each arm warms up
				(logOn ? on : off).add(pause);
			}
		}
		String jvm = System.getProperty("java.vm.version") + ", heap "
				+ ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax() / (1024 * 1024) + " MiB, "
				+ regions() + " regions";
		System.out.println("| JDK, heap | live set | arm | cycles | remark median (min–max) ms | cleanup median (min–max) "
				+ "ms | liveness log per cycle |");
		System.out.println("|---|---|---|---|---|---|---|");
		row(jvm, liveMib, "liveness log off", off, null);
		row(jvm, liveMib, "liveness log on", on, bytes);
		vmLog("output=" + pauses, "what=all=off");
		try (var files = Files.list(dir)) {
			for (Path file : files.toList()) {
				Files.deleteIfExists(file);
			}
		}
		Files.deleteIfExists(dir);
		System.out.println("(" + retained.size() + " retained arrays)");
	}

	private static void row(String jvm, long liveMib, String arm, List<double[]> pauses, List<Long> bytes) {
		double[] remark = pauses.stream().mapToDouble((p) -> p[0]).sorted().toArray();
		double[] cleanup = pauses.stream().mapToDouble((p) -> p[1]).sorted().toArray();
		String perCycle = (bytes == null) ? "—"
				: String.format(Locale.ROOT, "%.0f KiB", bytes.stream().mapToLong(Long::longValue).average().orElse(0) / 1024);
		System.out.printf(Locale.ROOT, "| %s | %d MiB | %s | %d | %.2f (%.2f–%.2f) | %.2f (%.2f–%.2f) | %s |%n", jvm,
				liveMib, arm, pauses.size(), median(remark), remark[0], remark[remark.length - 1], median(cleanup),
				cleanup[0], cleanup[cleanup.length - 1], perCycle);
	}

	private static String regions() {
		try {
			com.sun.management.HotSpotDiagnosticMXBean hotspot = ManagementFactory
				.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
			long regionSize = Long.parseLong(hotspot.getVMOption("G1HeapRegionSize").getValue());
			return String.valueOf(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax() / regionSize)
					+ " x " + regionSize / (1024 * 1024) + " MiB";
		}
		catch (RuntimeException ex) {
			return "?";
		}
	}

	private static double median(double[] sorted) {
		int n = sorted.length;
		return (n % 2 == 1) ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
	}

	/** Requests a concurrent cycle and waits for its remark and cleanup pauses in the log. */
	private static double[] cycle(Path pauses) throws Exception {
		long offset = Files.size(pauses);
		System.gc();
		long deadline = System.currentTimeMillis() + 120_000;
		double remark = -1;
		double cleanup = -1;
		while ((remark < 0 || cleanup < 0) && System.currentTimeMillis() < deadline) {
			Thread.sleep(50);
			String text = new String(Files.readAllBytes(pauses), StandardCharsets.UTF_8).substring((int) offset);
			Matcher matcher = PAUSE.matcher(text);
			while (matcher.find()) {
				double millis = Double.parseDouble(matcher.group(3));
				if (matcher.group(2).equals("Remark")) {
					remark = millis;
				}
				else {
					cleanup = millis;
				}
			}
		}
		if (remark < 0 || cleanup < 0) {
			throw new IllegalStateException("no remark/cleanup within 2 minutes: run with -XX:+UseG1GC "
					+ "-XX:+ExplicitGCInvokesConcurrent");
		}
		return new double[] { remark, cleanup };
	}

	/** Retains about {@code mib} MiB in 1 KiB arrays, reachable through arrays of 1,024: many objects to mark. */
	private static void fill(long mib) {
		long target = mib * 1024 * 1024;
		long total = 0;
		while (total < target) {
			byte[][] block = new byte[1024][];
			for (int i = 0; i < block.length; i++) {
				block[i] = new byte[1000];
			}
			retained.add(block);
			total += 1024L * (1000 + 16) + 4112;
		}
		System.gc();
	}

	private static void vmLog(String... arguments) throws Exception {
		MBeanServer server = ManagementFactory.getPlatformMBeanServer();
		Object result = server.invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"), "vmLog",
				new Object[] { arguments }, new String[] { String[].class.getName() });
		if (result != null && !result.toString().isBlank()) {
			throw new IllegalStateException("VM.log " + Arrays.toString(arguments) + ": " + result);
		}
	}

}
