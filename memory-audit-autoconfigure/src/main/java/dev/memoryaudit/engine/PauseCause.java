package dev.memoryaudit.engine;

import java.util.Locale;

/**
 * What caused a stop-the-world pause of ours; the {@code cause} tag of {@code memory.audit.pause}.
 */
public enum PauseCause {

	/** A class histogram (scheduled, escalation or on demand), without forcing a full collection. */
	HISTOGRAM,

	/** A live class histogram taken as a confirmation: a full collection first. */
	LIVE_HISTOGRAM,

	/** A concurrent collection cycle requested as a confirmation: the request's own young pause. */
	CONCURRENT_CYCLE,

	/** A heap dump written by the spike trigger. */
	HEAP_DUMP,

	/** A retention dump: JFR's search for paths to GC roots at a safepoint. */
	RETENTION_DUMP;

	/**
	 * The tag value.
	 * @return e.g. {@code live-histogram}
	 */
	public String tag() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

}
