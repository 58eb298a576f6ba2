package dev.memoryaudit.audit;

import dev.memoryaudit.trend.TrendThresholds;

/**
 * Settings of the auditor, independent of how they were configured.
 *
 * @param nearCapacity fill (size / bound) at or above which a bounded structure is NEAR_CAPACITY
 * @param maxTracked structures and thread groups that get a series and tagged meters
 * @param topThreadGroups thread groups, largest first, that get a {@code memory.audit.threads.group} gauge
 * @param minGrowth growth of an unbounded structure over the trend window below which it is not GROWING
 * @param minThreadGrowth growth of a thread group over the trend window below which it is not growing
 * @param thresholds the trend thresholds (warm-up, window, minimum points, significance, saturation)
 */
public record AuditSettings(double nearCapacity, int maxTracked, int topThreadGroups, long minGrowth,
		long minThreadGrowth, TrendThresholds thresholds) {

	public AuditSettings {
		if (!(nearCapacity > 0 && nearCapacity <= 1)) {
			throw new IllegalArgumentException("nearCapacity must be in (0, 1], was " + nearCapacity);
		}
		if (maxTracked < 0 || topThreadGroups < 0 || minGrowth < 0 || minThreadGrowth < 0) {
			throw new IllegalArgumentException("limits must not be negative");
		}
	}

	/**
	 * The documented defaults.
	 * @return the defaults
	 */
	public static AuditSettings defaults() {
		return new AuditSettings(0.8, 100, 10, 100, 5, TrendThresholds.defaults());
	}

}
