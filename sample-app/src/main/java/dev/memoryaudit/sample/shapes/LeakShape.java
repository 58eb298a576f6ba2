package dev.memoryaudit.sample.shapes;

import java.util.Locale;

/**
 * The switchable leak shapes, named as in their URLs.
 */
public enum LeakShape {

	/** Listeners registered in a static list and never removed. */
	LISTENERS,

	/** Request details in a static map keyed by request id. */
	MAP,

	/** Buffers in a thread-local on pooled threads. */
	THREADLOCAL;

	/**
	 * The name used in URLs.
	 * @return the lower-case name
	 */
	public String urlName() {
		return name().toLowerCase(Locale.ROOT);
	}

}
