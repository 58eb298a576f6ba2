package dev.memoryaudit.trend;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * Hysteresis of the top-level verdict: once LEAK_SUSPECTED, the verdict holds until the evidence turns, so that a
 * leak does not read LEAK_SUSPECTED, GROWING and LEAK_SUSPECTED again from one tick to the next as points enter and
 * leave the window. It is released when the analysis has read no growth for {@code calmTicks} ticks in a row and,
 * when the live set was what leaked, at least {@code turnPoints} exact or reclaimed points taken since the last
 * LEAK_SUSPECTED show no growth and stand, at their median, no higher than the level the leak was last seen at (a leak
 * that goes on keeps rising, whatever a window's statistics say); or at a restart (a new segment). It also tracks when the verdict last changed.
 * Stateful: one latch per engine (or per replayed trace), fed every tick's fresh report in order.
 */
public final class VerdictLatch {

	private final int calmTicks;

	private final int turnPoints;

	private @Nullable Verdict current;

	private @Nullable Instant since;

	private @Nullable Verdict previous;

	private boolean holding;

	private boolean liveSetLeaked;

	private @Nullable Instant lastRawLeak;

	private long levelAtLeak = -1;

	private @Nullable Instant segment;

	private int calm;

	/**
	 * Creates a latch.
	 * @param calmTicks ticks in a row without growth before a held LEAK_SUSPECTED is released
	 * @param turnPoints exact or reclaimed points after the last LEAK_SUSPECTED needed to release a live-set leak
	 */
	public VerdictLatch(int calmTicks, int turnPoints) {
		this(calmTicks, turnPoints, 0);
	}

	/**
	 * Creates a latch that also needs the points since the last LEAK_SUSPECTED to grow slower than half the minimum
	 * growth rate before it releases a live-set leak.
	 * @param calmTicks ticks in a row without growth before a held LEAK_SUSPECTED is released
	 * @param turnPoints exact or reclaimed points after the last LEAK_SUSPECTED needed to release a live-set leak
	 * @param minGrowthRate the trend's minimum growth rate (fraction of the live set's ceiling per hour)
	 */
	public VerdictLatch(int calmTicks, int turnPoints, double minGrowthRate) {
		this.calmTicks = calmTicks;
		this.turnPoints = turnPoints;
		this.minGrowthRate = minGrowthRate;
	}

	private final double minGrowthRate;

	/**
	 * Applies the hysteresis to this tick's report.
	 * @param raw the report the analysis gave this tick
	 * @return the report as it holds
	 */
	public synchronized TrendReport apply(TrendReport raw) {
		if (this.segment != null && raw.segmentStart() != null && !raw.segmentStart().equals(this.segment)) {
			this.holding = false;
		}
		this.segment = raw.segmentStart();
		TrendReport result = raw;
		if (raw.verdict() == Verdict.LEAK_SUSPECTED) {
			this.holding = true;
			this.lastRawLeak = raw.generatedAt();
			SeriesAssessment liveSet = raw.series(SeriesDefinition.LIVE_SET);
			this.liveSetLeaked = liveSet != null && liveSet.verdict() == Verdict.LEAK_SUSPECTED
					&& raw.liveSet().confirmed();
			List<ReclaimedPoint> points = strongPoints(raw);
			// the level the leak was seen at: the median of the last five strong points, not one noisy point
			long[] recent = points.subList(Math.max(0, points.size() - 5), points.size())
				.stream()
				.mapToLong(ReclaimedPoint::bytes)
				.sorted()
				.toArray();
			this.levelAtLeak = (recent.length == 0) ? -1 : recent[recent.length / 2];
			this.calm = 0;
		}
		else if (this.holding) {
			this.calm = raw.verdict().isGrowth() ? 0 : this.calm + 1;
			if (turned(raw)) {
				this.holding = false;
				result = raw.withVerdict(raw.verdict(), raw.confirmed(), raw.summary() + " (LEAK_SUSPECTED released: "
						+ "no growth for " + this.calm + " ticks" + (this.liveSetLeaked ? ", and the live set measured "
								+ "since shows none" : "") + ")", null, null);
			}
			else {
				result = raw.withVerdict(Verdict.LEAK_SUSPECTED, true, String.format(Locale.ROOT,
						"Leak suspected (held since %s until the evidence turns; this tick alone reads %s): %s",
						this.lastRawLeak, raw.verdict(), raw.summary()), null, null);
			}
		}
		if (this.current != result.verdict()) {
			this.previous = this.current;
			this.current = result.verdict();
			this.since = raw.generatedAt();
		}
		return result.withVerdict(result.verdict(), result.confirmed(), result.summary(), this.since, this.previous);
	}

	/**
	 * The report as it holds, without counting it as a tick (an on-demand capture, restored history): the state the
	 * ticks built is applied and left as it is.
	 * @param raw a report the analysis gave between ticks
	 * @return the report as it holds
	 */
	public synchronized TrendReport view(TrendReport raw) {
		if (this.holding && raw.verdict() != Verdict.LEAK_SUSPECTED) {
			return raw.withVerdict(Verdict.LEAK_SUSPECTED, true, String.format(Locale.ROOT,
					"Leak suspected (held since %s until the evidence turns; this analysis alone reads %s): %s",
					this.lastRawLeak, raw.verdict(), raw.summary()), this.since, this.previous);
		}
		boolean same = this.current == raw.verdict();
		return raw.withVerdict(raw.verdict(), raw.confirmed(), raw.summary(), same ? this.since : raw.generatedAt(),
				same ? this.previous : this.current);
	}

	private boolean turned(TrendReport raw) {
		if (this.calm < this.calmTicks) {
			return false;
		}
		if (!this.liveSetLeaked) {
			return true;
		}
		SeriesAssessment liveSet = raw.series(SeriesDefinition.LIVE_SET);
		Instant lastLeak = this.lastRawLeak;
		List<ReclaimedPoint> sincePoints = strongPoints(raw).stream()
			.filter((p) -> lastLeak == null || p.time().isAfter(lastLeak))
			.toList();
		long[] since = sincePoints.stream().mapToLong(ReclaimedPoint::bytes).sorted().toArray();
		// the points since must not stand above the level the leak was last seen at, nor keep rising at half the
		// minimum rate: a slow leak goes on rising even when a window's statistics flicker around the threshold
		boolean notAbove = this.levelAtLeak < 0 || (since.length > 0 && since[since.length / 2] <= this.levelAtLeak);
		return liveSet != null && liveSet.verdict() == Verdict.STABLE && since.length >= this.turnPoints && notAbove
				&& !stillRising(sincePoints, liveSet.ceiling()) && !windowStillRising(liveSet);
	}

	/**
	 * Whether the live set still rises at half the minimum rate or more over the recent part of the window: STABLE
	 * because the slope is just under the threshold is not the evidence turning, but a cache that filled up and holds
	 * level is.
	 */
	private boolean windowStillRising(SeriesAssessment liveSet) {
		Double slope = liveSet.recentSlopePerHour();
		Double ceiling = liveSet.ceiling();
		return this.minGrowthRate > 0 && slope != null && ceiling != null && ceiling > 0
				&& slope >= 0.5 * this.minGrowthRate * ceiling;
	}

	private boolean stillRising(List<ReclaimedPoint> points, @Nullable Double ceiling) {
		if (this.minGrowthRate <= 0 || ceiling == null || ceiling <= 0 || points.size() < 3) {
			return false;
		}
		double[] hours = new double[points.size()];
		double[] bytes = new double[points.size()];
		for (int i = 0; i < points.size(); i++) {
			hours[i] = (points.get(i).time().toEpochMilli() - points.get(0).time().toEpochMilli()) / 3_600_000.0;
			bytes[i] = points.get(i).bytes();
		}
		if (hours[hours.length - 1] <= 0) {
			return false;
		}
		double slope = dev.memoryaudit.trend.stats.TheilSen.fit(hours, bytes).slope();
		return slope >= 0.5 * this.minGrowthRate * ceiling;
	}

	private static List<ReclaimedPoint> strongPoints(TrendReport report) {
		return report.liveSet()
			.reclaimedFloor()
			.stream()
			.filter((p) -> !ReclaimedPoint.CYCLE_RUNNING.equals(p.source()))
			.toList();
	}

}
