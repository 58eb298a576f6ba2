package dev.memoryaudit.engine;

/**
 * How the engine turns weak live-set evidence (after-young-GC floors) into strong evidence.
 */
public enum ConfirmationMode {

	/**
	 * Only natural old, mixed or full collections count.
	 */
	NONE,

	/**
	 * Take a live class histogram (forces a full collection, pauses the JVM) once weak evidence has lasted long
	 * enough, at most every confirmation min-interval.
	 */
	LIVE_HISTOGRAM,

	/**
	 * Request {@code System.gc()} where it runs as a concurrent cycle (G1 with
	 * {@code -XX:+ExplicitGCInvokesConcurrent}); elsewhere behave like {@link #NONE}.
	 */
	CONCURRENT;

	/**
	 * The property value of this mode, e.g. {@code live-histogram}.
	 * @return the value
	 */
	public String value() {
		return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
	}

}
