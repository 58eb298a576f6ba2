package dev.memoryaudit.trend;

import java.time.Instant;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * Hysteresis of the top-level verdict: once LEAK_SUSPECTED, the verdict holds until the evidence turns, so that a
 * leak does not read LEAK_SUSPECTED, GROWING and LEAK_SUSPECTED again from one tick to the next as points enter and
 * leave the window. It is released when the analysis has read no growth for {@code calmTicks} ticks in a row and,
 * when the live set was what leaked, at least {@code turnPoints} exact or reclaimed points taken since the last
 * LEAK_SUSPECTED show no growth; or at a restart (a new segment). It also tracks when the verdict last changed.
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

	private @Nullable Instant segment;

	private int calm;

	/**
	 * Creates a latch.
	 * @param calmTicks ticks in a row without growth before a held LEAK_SUSPECTED is released
	 * @param turnPoints exact or reclaimed points after the last LEAK_SUSPECTED needed to release a live-set leak
	 */
	public VerdictLatch(int calmTicks, int turnPoints) {
		this.calmTicks = calmTicks;
		this.turnPoints = turnPoints;
	}

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

	private boolean turned(TrendReport raw) {
		if (this.calm < this.calmTicks) {
			return false;
		}
		if (!this.liveSetLeaked) {
			return true;
		}
		SeriesAssessment liveSet = raw.series(SeriesDefinition.LIVE_SET);
		Instant lastLeak = this.lastRawLeak;
		long pointsSince = raw.liveSet()
			.reclaimedFloor()
			.stream()
			.filter((p) -> !ReclaimedPoint.CYCLE_RUNNING.equals(p.source()))
			.filter((p) -> lastLeak == null || p.time().isAfter(lastLeak))
			.count();
		return liveSet != null && liveSet.verdict() == Verdict.STABLE && pointsSince >= this.turnPoints;
	}

}
