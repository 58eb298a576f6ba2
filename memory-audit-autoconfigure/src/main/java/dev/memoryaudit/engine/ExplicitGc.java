package dev.memoryaudit.engine;

import java.lang.management.ManagementFactory;
import java.lang.management.GarbageCollectorMXBean;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import org.jspecify.annotations.Nullable;

/**
 * Requests a concurrent collection cycle through {@code System.gc()} where the JVM runs it concurrently (G1 with
 * {@code -XX:+ExplicitGCInvokesConcurrent}, read through {@code HotSpotDiagnosticMXBean}).
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
			if (!isTrue(hotspot.getVMOption("ExplicitGCInvokesConcurrent"))) {
				return "System.gc() would be a full stop-the-world collection: start the JVM with "
						+ "-XX:+ExplicitGCInvokesConcurrent (G1) to use this mode";
			}
			boolean g1 = ManagementFactory.getGarbageCollectorMXBeans()
				.stream()
				.map(GarbageCollectorMXBean::getName)
				.anyMatch((name) -> name.startsWith("G1"));
			return g1 ? null : "ExplicitGCInvokesConcurrent only makes System.gc() concurrent on G1";
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
