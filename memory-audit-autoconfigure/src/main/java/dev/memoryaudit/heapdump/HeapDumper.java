package dev.memoryaudit.heapdump;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;

import com.sun.management.HotSpotDiagnosticMXBean;

/**
 * Writes a heap dump to a file that must not exist yet; a seam so that quota tests need not dump a real heap.
 */
@FunctionalInterface
public interface HeapDumper {

	/**
	 * Dumps the heap.
	 * @param file the target, ending in {@code .hprof}, not yet existing
	 * @param live {@code true} for reachable objects only (forces a full GC)
	 * @throws IOException when the dump cannot be written
	 */
	void dump(Path file, boolean live) throws IOException;

	/**
	 * The dumper of this JVM, through {@code HotSpotDiagnosticMXBean.dumpHeap}.
	 * @return the dumper
	 * @throws UnsupportedOperationException when this JVM has no {@code HotSpotDiagnosticMXBean}
	 */
	static HeapDumper hotSpot() {
		HotSpotDiagnosticMXBean bean;
		try {
			bean = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
		}
		catch (RuntimeException | LinkageError ex) {
			throw new UnsupportedOperationException("no HotSpotDiagnosticMXBean on this JVM: " + ex, ex);
		}
		if (bean == null) {
			throw new UnsupportedOperationException("no HotSpotDiagnosticMXBean on this JVM");
		}
		return (file, live) -> bean.dumpHeap(file.toString(), live);
	}

}
