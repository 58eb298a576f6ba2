package dev.memoryaudit.sample;

/**
 * Shared properties of the HTTP reliability tests: a short snapshot tick, frequent histograms kept long enough that a
 * test never sees one evicted, and the write operation of {@code memorysnapshots} mapped. The tests share one
 * application context because their properties are identical.
 */
final class ReliabilityProperties {

	static final String SNAPSHOT_INTERVAL = "memory.audit.snapshot.interval=100ms";

	static final String INITIAL_DELAY = "memory.audit.snapshot.initial-delay=0s";

	static final String HISTOGRAM_INTERVAL = "memory.audit.histogram.interval=500ms";

	static final String HISTOGRAM_MIN_INTERVAL = "memory.audit.histogram.min-interval=200ms";

	static final String HISTOGRAM_HISTORY = "memory.audit.histogram.history-size=1000";

	static final String SNAPSHOTS_ACCESS = "management.endpoint.memorysnapshots.access=unrestricted";

	static final String GARBAGE_OFF = "sample.garbage.enabled=false";

	private ReliabilityProperties() {
	}

}
