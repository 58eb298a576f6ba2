package dev.memoryaudit.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.memoryaudit.trend.ReclaimedPoint;
import dev.memoryaudit.trend.SeriesAssessment;
import dev.memoryaudit.trend.SeriesDefinition;
import dev.memoryaudit.trend.TrendReport;
import dev.memoryaudit.trend.Verdict;
import org.jspecify.annotations.Nullable;

/**
 * When a confirmation is due: after {@code after} consecutive ticks of unconfirmed live-set growth, and never within
 * {@code minInterval} of the previous one. Live histograms come in chains: the first of a chain is followed by one
 * more after {@code minInterval}, and the chain goes on, one every {@code minInterval}, while each measures more live
 * bytes than the one before (by at least the minimum growth rate, when one is given) and growth is not yet confirmed;
 * one exact point alone cannot show a trend. Confirmations that keep finding no growth come ever less often: each such
 * one in a row doubles the time to the next, up to four times {@code minInterval}. The accuracy
 * benchmark replays traces through this same class.
 */
public final class ConfirmationPolicy {

	private final int after;

	private final Duration minInterval;

	private final double minGrowthRate;

	private int unconfirmedTicks;

	private @Nullable Instant last;

	private long lastLiveBytes = -1;

	private @Nullable Instant previous;

	private int quiet;

	private long maxLiveBytes = -1;

	private double ceiling;

	private @Nullable Instant lastLiveAt;

	private long previousLiveBytes = -1;

	/**
	 * Creates a policy.
	 * @param after consecutive ticks of unconfirmed growth before a confirmation
	 * @param minInterval minimum time between two confirmations
	 */
	public ConfirmationPolicy(int after, Duration minInterval) {
		this(after, minInterval, 0);
	}

	/**
	 * Creates a policy whose chains go on only while the live set grows at least at the minimum growth rate.
	 * @param after consecutive ticks of unconfirmed growth before a confirmation
	 * @param minInterval minimum time between two confirmations
	 * @param minGrowthRate growth per hour, as a fraction of heap max, that a chain needs to go on (growth below it
	 * never confirms a leak, so following it up only costs pauses)
	 */
	public ConfirmationPolicy(int after, Duration minInterval, double minGrowthRate) {
		this.after = after;
		this.minInterval = minInterval;
		this.minGrowthRate = minGrowthRate;
	}

	/**
	 * Called once per tick with the current report.
	 * @param report the trend report of this tick
	 * @param now the tick's time
	 * @return whether a confirmation is due now
	 */
	public boolean due(TrendReport report, Instant now) {
		SeriesAssessment liveSet = report.series(SeriesDefinition.LIVE_SET);
		if (liveSet != null && liveSet.ceiling() != null) {
			this.ceiling = liveSet.ceiling();
		}
		boolean unconfirmed = !report.liveSet().confirmed()
				&& ((liveSet != null && liveSet.verdict() == Verdict.GROWING) || reclaimedFloorRose(report, this.last));
		this.unconfirmedTicks = unconfirmed ? this.unconfirmedTicks + 1 : 0;
		Instant last = this.last;
		if (last != null && Duration.between(last, now).compareTo(this.minInterval) < 0) {
			return false;
		}
		if (followUp(report, now)) {
			return true;
		}
		// confirmations that keep finding no growth come ever less often (up to MAX_BACKOFF times min-interval):
		// on a healthy service whose after-GC floor rises with promoted garbage they would otherwise pause every
		// min-interval for as long as it runs
		return this.unconfirmedTicks >= this.after
				&& (last == null || Duration.between(last, now).compareTo(backedOffInterval()) >= 0);
	}

	/** At most this many times min-interval between two confirmations that found no growth. */
	static final int MAX_BACKOFF = 4;

	private Duration backedOffInterval() {
		return this.minInterval.multipliedBy(Math.min(MAX_BACKOFF, 1L << Math.min(this.quiet, 2)));
	}

	/**
	 * Confirmations in a row (live histograms) that measured no more than the most any before them measured, plus
	 * the minimum growth: each doubles the time to the next one, up to {@link #MAX_BACKOFF} times min-interval.
	 * @return the count
	 */
	public int quietConfirmations() {
		return this.quiet;
	}

	/**
	 * The last two completed reclamation cycles rose: growth that survived a reclamation, not yet enough to confirm.
	 * A rise that a confirmation has already looked at does not count again: on a G1 heap whose only old-generation
	 * collections are the confirmations' own (left out of the cycles), a stale rise would otherwise keep a chain
	 * going for as long as the application runs (seen in the sample app under wrk).
	 */
	private static boolean reclaimedFloorRose(TrendReport report, @Nullable Instant lastConfirmation) {
		List<ReclaimedPoint> cycles = report.liveSet()
			.reclaimedFloor()
			.stream()
			.filter((p) -> ReclaimedPoint.OLD_COLLECTION.equals(p.source()))
			.toList();
		int n = cycles.size();
		return n >= 2 && cycles.get(n - 1).bytes() > cycles.get(n - 2).bytes()
				&& (lastConfirmation == null || cycles.get(n - 1).time().isAfter(lastConfirmation));
	}

	private boolean followUp(TrendReport report, Instant now) {
		Instant last = this.last;
		if (last == null || this.lastLiveBytes < 0 || report.liveSet().confirmed()) {
			return false;
		}
		Duration chainGap = this.minInterval.multipliedBy(2);
		if (Duration.between(last, now).compareTo(chainGap) > 0) {
			return false;
		}
		Instant previous = this.previous;
		boolean firstOfChain = previous == null || Duration.between(previous, last).compareTo(chainGap) > 0
				|| this.previousLiveBytes < 0;
		if (firstOfChain) {
			return true;
		}
		SeriesAssessment liveSet = report.series(SeriesDefinition.LIVE_SET);
		Double ceiling = (liveSet != null) ? liveSet.ceiling() : null;
		double hours = Duration.between(previous, last).toMillis() / 3_600_000.0;
		double needed = (ceiling != null) ? this.minGrowthRate * ceiling * hours : 0;
		return this.lastLiveBytes - this.previousLiveBytes > needed;
	}

	/**
	 * Records a confirmation that was taken.
	 * @param time when it was taken
	 * @param liveBytes the live bytes it measured, {@code -1} when it measures none (concurrent mode)
	 */
	public void taken(Instant time, long liveBytes) {
		if (liveBytes >= 0) {
			// growth at the minimum rate since the last live measurement (bytes per hour times the hours between)
			Instant lastLive = this.lastLiveAt;
			double hours = (lastLive != null) ? Duration.between(lastLive, time).toMillis() / 3_600_000.0 : 0;
			double needed = Math.max(1024 * 1024, this.minGrowthRate * this.ceiling * hours);
			if (this.maxLiveBytes >= 0 && liveBytes <= this.maxLiveBytes + needed) {
				this.quiet++;
			}
			else {
				this.quiet = 0;
			}
			this.maxLiveBytes = Math.max(this.maxLiveBytes, liveBytes);
			this.lastLiveAt = time;
		}
		else {
			// a concurrent cycle measures nothing itself (its marking is read like any other): back off as well
			this.quiet++;
		}
		this.previous = this.last;
		this.previousLiveBytes = this.lastLiveBytes;
		this.last = time;
		this.lastLiveBytes = liveBytes;
	}

}
