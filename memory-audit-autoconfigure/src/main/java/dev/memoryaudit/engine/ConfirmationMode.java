package dev.memoryaudit.engine;

/**
 * How the engine turns weak live-set evidence (after-young-GC floors, reclaimed floors with residue) into an exact
 * measurement of the live set.
 */
public enum ConfirmationMode {

	/**
	 * Only what the collector measures on its own (markings, full collections) and natural old collections count.
	 */
	NONE,

	/**
	 * The default: no pause where the collector's own marking already answers (it measured the live set recently); a
	 * concurrent cycle where {@code System.gc()} runs as one (G1 with {@code -XX:+ExplicitGCInvokesConcurrent},
	 * Shenandoah, ZGC); otherwise a live class histogram, only when its
	 * predicted pause fits the pause budget. Above the budget the engine stays passive and the report says why.
	 */
	AUTO,

	/**
	 * A live class histogram (forces a full collection, pauses the JVM) once weak evidence has lasted long enough,
	 * within the pause budget.
	 */
	LIVE_HISTOGRAM,

	/**
	 * Request {@code System.gc()} where it runs as a concurrent cycle (G1 with
	 * {@code -XX:+ExplicitGCInvokesConcurrent}, Shenandoah, ZGC): its marking gives an exact point without a full
	 * pause; elsewhere behave like {@link #NONE}.
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
