package dev.memoryaudit.retention;

import java.util.ArrayList;
import java.util.List;

import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import org.jspecify.annotations.Nullable;

/**
 * Where a sampled object was allocated: the stack trace JFR recorded with the sample, reduced to the application's
 * frames. A frame is the application's unless its class belongs to the JDK or to a common framework or library (the
 * prefixes of {@link #FRAMEWORK}); when no frame is left, the top frames are kept and the site says so.
 *
 * @param site the first application frame ({@code LeakWorkload.tick(line 121)}), or why there is none
 * @param frames at most {@value #MAX_FRAMES} application frames, innermost first
 */
public record AllocationSite(String site, List<String> frames) {

	/** Frames kept. */
	static final int MAX_FRAMES = 5;

	/** The site of a sample recorded without a stack trace. */
	public static final AllocationSite UNKNOWN = new AllocationSite(
			"unknown: the sample has no stack trace (another recording of jdk.OldObjectSample turned them off?)",
			List.of());

	/** Class-name prefixes that are not the application. */
	static final List<String> FRAMEWORK = List.of("java.", "javax.", "jakarta.", "jdk.", "sun.", "com.sun.",
			"org.springframework.", "org.apache.", "io.micrometer.", "ch.qos.logback.", "org.slf4j.",
			"com.fasterxml.", "tools.jackson.", "io.netty.", "reactor.", "kotlin.", "kotlinx.", "scala.",
			"org.hibernate.", "com.zaxxer.", "org.eclipse.jetty.", "io.undertow.", "com.google.common.",
			"com.github.benmanes.caffeine.");

	public AllocationSite {
		frames = List.copyOf(frames);
	}

	/**
	 * Reduces a recorded stack trace.
	 * @param stackTrace the sample's stack trace, {@code null} when none was recorded
	 * @return the site
	 */
	public static AllocationSite of(@Nullable RecordedStackTrace stackTrace) {
		if (stackTrace == null || stackTrace.getFrames().isEmpty()) {
			return UNKNOWN;
		}
		List<String> application = new ArrayList<>();
		List<String> top = new ArrayList<>();
		for (RecordedFrame frame : stackTrace.getFrames()) {
			RecordedMethod method = frame.getMethod();
			if (method == null || method.getType() == null) {
				continue;
			}
			String type = method.getType().getName();
			String text = frame(type, method.getName(), frame.getLineNumber());
			if (top.size() < MAX_FRAMES) {
				top.add(text);
			}
			if (!isFramework(type) && application.size() < MAX_FRAMES) {
				application.add(text);
			}
			if (application.size() >= MAX_FRAMES) {
				break;
			}
		}
		if (!application.isEmpty()) {
			return new AllocationSite(application.get(0), application);
		}
		if (top.isEmpty()) {
			return UNKNOWN;
		}
		return new AllocationSite(top.get(0) + " (no application frame in the " + (stackTrace.isTruncated()
				? "truncated " : "") + "stack)", top);
	}

	static boolean isFramework(String className) {
		for (String prefix : FRAMEWORK) {
			if (className.startsWith(prefix)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * A frame as people read it: the class's simple name (outer classes kept), the method and the line.
	 * @param className the binary class name
	 * @param method the method name
	 * @param line the line number, {@code -1} or {@code 0} when unknown
	 * @return for example {@code LeakWorkload.tick(line 121)}
	 */
	static String frame(String className, String method, int line) {
		String simple = RetentionAnalyzer.simple(className);
		return simple + "." + method + ((line > 0) ? "(line " + line + ")" : "()");
	}

}
