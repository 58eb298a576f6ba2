package dev.memoryaudit.engine;

import java.lang.management.ManagementFactory;
import java.lang.management.GarbageCollectorMXBean;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import org.jspecify.annotations.Nullable;

/**
 * Requests a concurrent collection cycle through {@code System.gc()} where the JVM runs it concurrently: G1 with
 * {@code -XX:+ExplicitGCInvokesConcurrent}, Shenandoah (whose default it is), and ZGC (whose explicit collections are
 * concurrent cycles), read through {@code HotSpotDiagnosticMXBean} and the collector beans. The cycle's marking then
 * measures the live set, read from the collector's marking log.
 */
public class ExplicitGc {

	/**
	 * Why a concurrent cycle cannot be requested on this JVM.
	 * @return the reason, or {@code null} when it can
	 */
	public @Nullable String unavailableReason() {
		try {
			HotSpotDiagnosticMXBean hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
			if (hotspot == null) {
				return "no HotSpotDiagnosticMXBean on this JVM";
			}
			if (isTrue(hotspot.getVMOption("DisableExplicitGC"))) {
				return "-XX:+DisableExplicitGC is set";
			}
			java.util.List<String> names = ManagementFactory.getGarbageCollectorMXBeans()
				.stream()
				.map(GarbageCollectorMXBean::getName)
				.toList();
			if (names.stream().anyMatch((name) -> name.startsWith("ZGC"))) {
				return null;
			}
			boolean concurrentFlag = isTrue(hotspot.getVMOption("ExplicitGCInvokesConcurrent"));
			boolean g1OrShenandoah = names.stream()
				.anyMatch((name) -> name.startsWith("G1") || name.startsWith("Shenandoah"));
			if (!g1OrShenandoah) {
				return "System.gc() is a full stop-the-world collection on " + String.join("/", names);
			}
			return concurrentFlag ? null : "System.gc() would be a full stop-the-world collection: start the JVM with "
					+ "-XX:+ExplicitGCInvokesConcurrent (G1) to use this mode";
		}
		catch (RuntimeException | LinkageError ex) {
			return "cannot read VM options: " + ex;
		}
	}

	private static boolean isTrue(VMOption option) {
		return "true".equals(option.getValue());
	}

	/**
	 * Requests the concurrent cycle.
	 */
	@SuppressWarnings("java:S1215")
	public void requestConcurrentCycle() {
		System.gc();
	}

}
