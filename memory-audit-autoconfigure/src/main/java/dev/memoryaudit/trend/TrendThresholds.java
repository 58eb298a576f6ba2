package dev.memoryaudit.trend;

import java.time.Duration;

/**
 * Thresholds of the trend assessment.
 *
 * @param warmup ignore points captured before this JVM uptime
 * @param window only the most recent points within this span are assessed
 * @param minPoints minimum points after warm-up before a verdict other than INSUFFICIENT_DATA
 * @param significance one-sided Mann–Kendall p-value below which growth counts as significant
 * @param minGrowthRate minimum growth per hour, as a fraction of the series' ceiling (heap max, FD max)
 * @param noiseFactor growth over the window must exceed this many times the series' robust noise
 * @param saturationRatio the recent part's slope must be at least this fraction of the overall slope
 * @param recentFraction fraction of the window's points that form the recent part
 * @param minReclaimedPoints reclaimed-floor points needed before they count as strong evidence
 * @param reclaimedSignificance one-sided p-value for the reclaimed-floor series (fewer, costlier points)
 * @param leakWarmup growth is not confirmed as a leak before this time after start (counted like {@code warmup}):
 * caches and pools that fill after start-up grow like leaks until they are full
 */
public record TrendThresholds(Duration warmup, Duration window, int minPoints, double significance,
		double minGrowthRate, double noiseFactor, double saturationRatio, double recentFraction,
		int minReclaimedPoints, double reclaimedSignificance, Duration leakWarmup) {

	/**
	 * Thresholds without a leak warm-up beyond {@code warmup}.
	 * @param warmup ignore points captured before this JVM uptime
	 * @param window only the most recent points within this span are assessed
	 * @param minPoints minimum points after warm-up
	 * @param significance one-sided Mann–Kendall p-value
	 * @param minGrowthRate minimum growth per hour, as a fraction of the ceiling
	 * @param noiseFactor growth must exceed this many times the noise
	 * @param saturationRatio recent slope must be at least this fraction of the overall slope
	 * @param recentFraction fraction of the points that form the recent part
	 * @param minReclaimedPoints reclaimed-floor points needed
	 * @param reclaimedSignificance one-sided p-value for the reclaimed-floor series
	 */
	public TrendThresholds(Duration warmup, Duration window, int minPoints, double significance, double minGrowthRate,
			double noiseFactor, double saturationRatio, double recentFraction, int minReclaimedPoints,
			double reclaimedSignificance) {
		this(warmup, window, minPoints, significance, minGrowthRate, noiseFactor, saturationRatio, recentFraction,
				minReclaimedPoints, reclaimedSignificance, warmup);
	}

	/**
	 * The defaults documented in the configuration reference.
	 * @return the defaults
	 */
	public static TrendThresholds defaults() {
		return new TrendThresholds(Duration.ofMinutes(10), Duration.ofHours(6), 12, 0.01, 0.0025, 3.0, 0.5, 0.33, 4,
				0.01, Duration.ofHours(1));
	}

	public TrendThresholds {
		if (minPoints < 3) {
			throw new IllegalArgumentException("minPoints must be at least 3, was " + minPoints);
		}
		if (!(significance > 0 && significance < 1)) {
			throw new IllegalArgumentException("significance must be in (0, 1), was " + significance);
		}
		if (!(reclaimedSignificance > 0 && reclaimedSignificance < 1)) {
			throw new IllegalArgumentException(
					"reclaimedSignificance must be in (0, 1), was " + reclaimedSignificance);
		}
		if (!(recentFraction > 0 && recentFraction < 1)) {
			throw new IllegalArgumentException("recentFraction must be in (0, 1), was " + recentFraction);
		}
		if (minGrowthRate < 0 || noiseFactor < 0 || saturationRatio < 0) {
			throw new IllegalArgumentException("growth thresholds must not be negative");
		}
		if (leakWarmup == null || leakWarmup.isNegative()) {
			throw new IllegalArgumentException("leakWarmup must not be negative, was " + leakWarmup);
		}
		if (minReclaimedPoints < 3) {
			throw new IllegalArgumentException("minReclaimedPoints must be at least 3, was " + minReclaimedPoints);
		}
	}

}
