package dev.memoryaudit.engine;

import java.time.Duration;
import java.time.Instant;

import dev.memoryaudit.trend.TrendReport;
import org.jspecify.annotations.Nullable;

/**
 * When a (non-live) class histogram is due: a baseline first, a few escalation histograms on the ticks after the trend
 * first turns to growth, then one every {@code interval}; never two within {@code minInterval} of each other, whatever
 * took them (confirmations and on-demand captures included). Not thread-safe: the engine calls it under its lock.
 */
final class HistogramPolicy {

	private final Duration interval;

	private final Duration minInterval;

	private final int escalationHistograms;

	private @Nullable Instant last;

	private @Nullable Instant lastScheduled;

	private int escalationRemaining;

	private boolean wasGrowing;

	HistogramPolicy(Duration interval, Duration minInterval, int escalationHistograms) {
		this.interval = interval;
		this.minInterval = minInterval;
		this.escalationHistograms = escalationHistograms;
	}

	/**
	 * Time until another histogram is allowed.
	 * @param now the current time
	 * @return zero when allowed now
	 */
	Duration untilAllowed(Instant now) {
		Instant previous = this.last;
		if (previous == null) {
			return Duration.ZERO;
		}
		Duration remaining = this.minInterval.minus(Duration.between(previous, now));
		return remaining.isNegative() ? Duration.ZERO : remaining;
	}

	/**
	 * Reads this tick's report: when the trend first turns to growth, the escalation histograms are due.
	 * @param report the report
	 */
	void observe(TrendReport report) {
		boolean growing = report.verdict().isGrowth();
		if (growing && !this.wasGrowing) {
			this.escalationRemaining = this.escalationHistograms;
		}
		this.wasGrowing = growing;
	}

	/**
	 * The histogram due now, counting an escalation one as taken.
	 * @param now the tick's time
	 * @return the trigger, or {@code null} when none is due
	 */
	@Nullable HistogramTrigger due(Instant now) {
		if (!untilAllowed(now).isZero()) {
			return null;
		}
		if (this.last == null && !this.interval.isZero()) {
			return HistogramTrigger.BASELINE;
		}
		if (this.escalationRemaining > 0) {
			this.escalationRemaining--;
			return HistogramTrigger.ESCALATION;
		}
		Instant scheduled = this.lastScheduled;
		if (!this.interval.isZero() && scheduled != null
				&& !Duration.between(scheduled, now).minus(this.interval).isNegative()) {
			return HistogramTrigger.SCHEDULED;
		}
		return null;
	}

	/**
	 * A confirmation's live histogram also serves as an escalation histogram.
	 */
	void confirmationTaken() {
		if (this.escalationRemaining > 0) {
			this.escalationRemaining--;
		}
	}

	/**
	 * Records a histogram taken (or tried).
	 * @param now when
	 * @param trigger why
	 */
	void taken(Instant now, HistogramTrigger trigger) {
		this.last = now;
		if (trigger.scheduled()) {
			this.lastScheduled = now;
		}
	}

}
