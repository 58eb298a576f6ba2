package dev.memoryaudit.retention;

import java.lang.reflect.Method;

import org.jspecify.annotations.Nullable;

/**
 * Tells whether JFR can be used in this JVM; a seam so tests can play a JVM without it.
 */
@FunctionalInterface
public interface JfrAvailability {

	/**
	 * Why JFR cannot be used here.
	 * @return the reason, or {@code null} when it is available
	 */
	@Nullable String unavailableReason();

	/**
	 * The check against this JVM: the {@code jdk.jfr} module present and {@code FlightRecorder.isAvailable()} true.
	 * Resolved reflectively so that this class loads on a JVM without {@code jdk.jfr}.
	 * @return the platform check
	 */
	static JfrAvailability platform() {
		return () -> {
			try {
				Class.forName("jdk.jfr.Recording");
				Class<?> recorder = Class.forName("jdk.jfr.FlightRecorder");
				Method available = recorder.getMethod("isAvailable");
				if (!Boolean.TRUE.equals(available.invoke(null))) {
					return "JFR is disabled in this JVM (FlightRecorder.isAvailable() is false; was it started with "
							+ "-XX:-FlightRecorder?)";
				}
				return null;
			}
			catch (ClassNotFoundException | LinkageError ex) {
				return "this JVM has no jdk.jfr module (" + ex.getMessage() + ")";
			}
			catch (ReflectiveOperationException | RuntimeException ex) {
				return "JFR could not be checked: " + ex;
			}
		};
	}

}
