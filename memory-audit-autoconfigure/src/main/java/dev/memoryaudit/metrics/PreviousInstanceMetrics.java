package dev.memoryaudit.metrics;

import dev.memoryaudit.store.PreviousInstance;
import dev.memoryaudit.store.SnapshotStore;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * How the previous instance ended, read from the persisted history: {@code memory.audit.previous.instance} tagged
 * {@code cause} ({@code clean}, {@code container-limit}, {@code heap-exhausted}, {@code vanished}) is 1 for the cause
 * that applies and 0 for the others, NaN for all while the history holds no earlier instance. It is known from the
 * first scrape after a restart.
 */
public final class PreviousInstanceMetrics implements MeterBinder {

	private final SnapshotStore store;

	/**
	 * Creates the binder.
	 * @param store the store holding the history
	 */
	public PreviousInstanceMetrics(SnapshotStore store) {
		this.store = store;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (PreviousInstance.Cause cause : PreviousInstance.Cause.values()) {
			Gauge.builder("memory.audit.previous.instance", this.store, (s) -> value(s, cause))
				.tag("cause", cause.tag())
				.description("1 for how the previous instance of this application ended (from the persisted history), "
						+ "0 for the other causes; NaN without an earlier instance")
				.register(registry);
		}
	}

	static double value(SnapshotStore store, PreviousInstance.Cause cause) {
		PreviousInstance previous = store.lastPreviousInstance();
		if (previous == null) {
			return Double.NaN;
		}
		return (previous.cause() == cause) ? 1 : 0;
	}

}
