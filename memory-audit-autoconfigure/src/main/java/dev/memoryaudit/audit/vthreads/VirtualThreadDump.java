package dev.memoryaudit.audit.vthreads;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What a JSON thread dump says about virtual threads: how many, how many parked ({@code WAITING} or
 * {@code TIMED_WAITING}), and where the parked ones wait (the first frame of the application's own code in each
 * stack, after the JDK's). Read line by line: the JDK writes one field per line, and a dump of many threads is large.
 *
 * @param virtualThreads virtual threads listed
 * @param parked of them, waiting or timed-waiting
 * @param parkedAt where parked ones wait: frame to count, most first, at most {@value #LOCATIONS}
 * @param statesKnown whether the dump says each thread's state and whether it is virtual: JDK 25 and later do; the
 * JSON dumps of JDK 21 to 24 list only id, name and stack, so nothing here can be counted from them
 */
public record VirtualThreadDump(long virtualThreads, long parked, Map<String, Long> parkedAt, boolean statesKnown) {

	/** Locations kept. */
	static final int LOCATIONS = 5;

	/**
	 * Parses a dump.
	 * @param reader the dump's text
	 * @return the counts
	 * @throws IOException when it cannot be read
	 */
	public static VirtualThreadDump parse(BufferedReader reader) throws IOException {
		long virtual = 0;
		long parked = 0;
		Map<String, Long> locations = new LinkedHashMap<>();
		Thread current = null;
		boolean inStack = false;
		boolean statesKnown = false;
		String line;
		while ((line = reader.readLine()) != null) {
			String trimmed = line.trim();
			if (trimmed.startsWith("\"tid\":")) {
				if (current != null && current.counts()) {
					virtual++;
					if (current.parked()) {
						parked++;
						locations.merge(current.location(), 1L, Long::sum);
					}
				}
				current = new Thread();
				inStack = false;
			}
			else if (current == null) {
				continue;
			}
			else if (trimmed.startsWith("\"virtual\": true")) {
				current.virtual = true;
			}
			else if (trimmed.startsWith("\"state\":")) {
				current.state = value(trimmed);
				statesKnown = true;
			}
			else if (trimmed.startsWith("\"stack\": [")) {
				inStack = !trimmed.endsWith("]") && !trimmed.endsWith("],");
			}
			else if (inStack) {
				if (trimmed.startsWith("]")) {
					inStack = false;
				}
				else if (current.frame == null) {
					String frame = trimmed.replace("\\/", "/").replaceAll("^\"|\",?$", "");
					if (!isJdk(frame)) {
						current.frame = frame;
					}
				}
			}
		}
		if (current != null && current.counts()) {
			virtual++;
			if (current.parked()) {
				parked++;
				locations.merge(current.location(), 1L, Long::sum);
			}
		}
		Map<String, Long> top = new LinkedHashMap<>();
		locations.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
			.limit(LOCATIONS)
			.forEach((e) -> top.put(e.getKey(), e.getValue()));
		return new VirtualThreadDump(virtual, parked, top, statesKnown);
	}

	private static String value(String field) {
		int colon = field.indexOf(':');
		return field.substring(colon + 1).trim().replaceAll("^\"|\",?$", "");
	}

	/** Frames of the JDK's own modules ({@code java.base/...}, {@code jdk.management/...}) and unnamed JDK classes. */
	static boolean isJdk(String frame) {
		return frame.startsWith("java.") || frame.startsWith("jdk.") || frame.startsWith("sun.");
	}

	private static final class Thread {

		boolean virtual;

		@Nullable String state;

		@Nullable String frame;

		boolean counts() {
			return this.virtual;
		}

		boolean parked() {
			return "WAITING".equals(this.state) || "TIMED_WAITING".equals(this.state);
		}

		String location() {
			return (this.frame != null) ? this.frame : "(JDK frames only)";
		}

	}

	/**
	 * The locations as a list, most first.
	 * @return entries of frame and count
	 */
	public List<Map.Entry<String, Long>> locations() {
		return new ArrayList<>(this.parkedAt.entrySet());
	}

}
