package dev.memoryaudit.trend;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * The verdict on one series with the evidence it rests on.
 *
 * @param series the series name
 * @param unit the unit of the values
 * @param verdict the verdict
 * @param reason why, in one sentence
 * @param points points assessed (after warm-up, within the window and the current segment)
 * @param windowStart time of the first point assessed
 * @param windowEnd time of the last point assessed
 * @param first first value assessed
 * @param last last value assessed
 * @param slopePerHour Theil–Sen slope, unit per hour
 * @param slopeOfCeilingPerHour slope as a fraction of the ceiling per hour, when the series has one
 * @param recentSlopePerHour Theil–Sen slope of the recent part, unit per hour
 * @param pValue one-sided Mann–Kendall p-value for an upward trend
 * @param tau Kendall's tau
 * @param noise robust noise (1.4826 × median absolute residual), in the series' unit
 * @param ceiling the ceiling, when the series has one
 * @param exhaustionSeconds seconds until the fitted line reaches the ceiling, when growing towards one
 * @param sparkline the assessed values as Unicode block characters
 */
public record SeriesAssessment(String series, String unit, Verdict verdict, String reason, int points,
		@Nullable Instant windowStart, @Nullable Instant windowEnd, @Nullable Double first, @Nullable Double last,
		@Nullable Double slopePerHour, @Nullable Double slopeOfCeilingPerHour, @Nullable Double recentSlopePerHour,
		@Nullable Double pValue, @Nullable Double tau, @Nullable Double noise, @Nullable Double ceiling,
		@Nullable Long exhaustionSeconds, String sparkline) {

	/**
	 * A copy with another verdict and reason, the evidence unchanged.
	 * @param newVerdict the verdict
	 * @param newReason the reason
	 * @return the copy
	 */
	public SeriesAssessment withVerdict(Verdict newVerdict, String newReason) {
		return new SeriesAssessment(this.series, this.unit, newVerdict, newReason, this.points, this.windowStart,
				this.windowEnd, this.first, this.last, this.slopePerHour, this.slopeOfCeilingPerHour,
				this.recentSlopePerHour, this.pValue, this.tau, this.noise, this.ceiling, this.exhaustionSeconds,
				this.sparkline);
	}

}
