package dev.memoryaudit.audit;

import java.util.Map;

import dev.memoryaudit.trend.SeriesAssessment;

/**
 * A source of one kind of resource leak that Spring services have beyond bounded structures (meter cardinality,
 * class loaders, HTTP sessions, thread-locals): sampled on every snapshot tick, assessed after it.
 * <p>
 * A probe that cannot work on this JVM says so in its row ({@code unavailable: why}); it must never throw from
 * {@link #sample()} for that reason, and must keep its own memory bounded.
 */
public interface LeakProbe {

	/**
	 * The probe's name, the {@code probe} of its row.
	 * @return for example {@code meter-registry}
	 */
	String name();

	/**
	 * Reads the probe's figures now; called on the snapshot thread, so it must be cheap and must not block.
	 * @return series values for this tick, keyed by series name (the probe's own prefix), empty when unavailable
	 */
	Map<String, Long> sample();

	/**
	 * Assesses what was sampled so far and says what is wrong.
	 * @param trends assesses one of this probe's series over the audit's trend window
	 * @return the row
	 */
	ProbeRow assess(Trends trends);

	/**
	 * Assesses one series of the snapshot history with the auditor's trend thresholds.
	 */
	@FunctionalInterface
	interface Trends {

		/**
		 * Assesses a series.
		 * @param key the series key in the snapshots
		 * @param unit the unit of its values
		 * @param minimumGrowth growth over the window below which it is not growing
		 * @return the assessment (INSUFFICIENT_DATA when too few points)
		 */
		SeriesAssessment assess(String key, String unit, double minimumGrowth);

	}

}
