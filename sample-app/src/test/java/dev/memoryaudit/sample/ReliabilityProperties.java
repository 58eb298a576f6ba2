package dev.memoryaudit.sample;

/**
 * Shared properties of the HTTP reliability tests: a short snapshot tick, frequent histograms kept long enough that a
 * test never sees one evicted, the write operation of {@code memorysnapshots} mapped, persisted history and spike heap
 * dumps on. The tests share one
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

	/**
	 * Persisted history on, so that every snapshot is also appended to a store while the tests run.
	 */
	static final String STORE = "memory.audit.store.directory=${java.io.tmpdir}/memory-audit-reliability-${random.uuid}";

	/**
	 * Spike heap dumps on (checked on every tick; the default 90 % threshold does not fire in a test).
	 */
	static final String HEAPDUMP = "memory.audit.heapdump.enabled=true";

	private ReliabilityProperties() {
	}

}
