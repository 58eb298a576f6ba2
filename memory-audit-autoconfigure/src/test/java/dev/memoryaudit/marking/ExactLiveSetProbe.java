package dev.memoryaudit.marking;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import dev.memoryaudit.snapshot.GcMonitor;
import dev.memoryaudit.snapshot.GcWindow;
import dev.memoryaudit.snapshot.LiveSetMeasurement;

/**
 * Run in a child JVM by {@link ExactLiveSetSourceTests}: retains a known set, lets the collector measure the live set
 * (a marking or a full collection, requested with {@code System.gc()}), then takes a live class histogram straight
 * after and prints both as {@code RESULT source=S exact=B histogram=B retained=B}.
 */
public final class ExactLiveSetProbe {

	static final int RETAINED_CHUNKS = 1024;

	static final int CHUNK_BYTES = 48 * 1024;

	private static final List<Object> retained = new ArrayList<>();

	private static volatile Object sink;

	private ExactLiveSetProbe() {
	}

	public static void main(String[] args) throws Exception {
		// load the MBean server and the DiagnosticCommand MBean now, not between the measurement and the histogram
		MBeanServer server = ManagementFactory.getPlatformMBeanServer();
		ObjectName diagnostics = new ObjectName("com.sun.management:type=DiagnosticCommand");
		server.invoke(diagnostics, "vmVersion", new Object[] { new String[0] }, new String[] { String[].class.getName() });
		GcMonitor monitor = GcMonitor.forPlatform();
		monitor.start();
		Path parent = Files.createTempDirectory("exact-probe");
		GcLogMarkingSource marking = GcLogMarkingSource.start(parent);
		for (int i = 0; i < RETAINED_CHUNKS; i++) {
			retained.add(new byte[CHUNK_BYTES]);
			for (int j = 0; j < 40; j++) {
				sink = new byte[1024];
			}
		}
		long retainedBytes = (long) RETAINED_CHUNKS * CHUNK_BYTES;
		// age the retained set into the old generation
		for (int i = 0; i < 3_000_000; i++) {
			sink = new byte[64];
		}
		// a live histogram runs a full collection whatever the flags: afterwards every live object is in the old
		// generation, which is what a G1 marking measures (ageing by allocation alone left part of the retained set in
		// survivor regions on a loaded machine: the marking then read less than the retained set)
		server.invoke(diagnostics, "gcClassHistogram", new Object[] { new String[0] },
				new String[] { String[].class.getName() });
		monitor.drain();
		marking.drainMeasurements();
		LiveSetMeasurement found = null;
		long deadline = System.currentTimeMillis() + 20_000;
		while (found == null && System.currentTimeMillis() < deadline) {
			System.gc();
			Thread.sleep(300);
			List<LiveSetMeasurement> all = new ArrayList<>(marking.drainMeasurements());
			GcWindow window = monitor.drain();
			all.addAll(window.measurements());
			if (!all.isEmpty()) {
				found = all.get(all.size() - 1);
			}
		}
		String why = marking.unavailableReason();
		if (found == null) {
			System.out.println("RESULT none marking=" + marking.description() + " unavailable=" + why);
			System.exit(2);
		}
		String histogram = (String) server.invoke(diagnostics, "gcClassHistogram", new Object[] { new String[0] }, new String[] { String[].class.getName() });
		String[] lines = histogram.trim().split("\n");
		String[] total = lines[lines.length - 1].trim().split("\\s+");
		System.out.println("RESULT source=" + found.source() + " exact=" + found.bytes() + " histogram="
				+ total[total.length - 1] + " retained=" + retainedBytes + " marking=" + marking.collector()
				+ " unavailable=" + why);
		marking.close();
		boolean cleaned = Files.list(parent).findAny().isEmpty();
		System.out.println("CLEANED " + cleaned);
		System.out.println("EXPLICIT " + new dev.memoryaudit.engine.ExplicitGc().unavailableReason());
		System.out.println("KEEP " + retained.size());
	}

}
