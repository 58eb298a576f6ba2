package dev.memoryaudit.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.memoryaudit.histogram.ClassHistogram;
import dev.memoryaudit.snapshot.LiveSetMeasurement;
import dev.memoryaudit.snapshot.Ring;
import dev.memoryaudit.snapshot.Snapshot;
import dev.memoryaudit.trend.Confirmation;
import dev.memoryaudit.trend.TrendReport;
import dev.memoryaudit.trend.Units;
import org.jspecify.annotations.Nullable;

/**
 * Runs confirmations when the {@link ConfirmationPolicy} says one is due, in the cheapest way the mode and the JVM
 * allow: none where the collector measured the live set itself at least twice within twice the minimum interval (its
 * marking answers), a concurrent G1 cycle where {@code System.gc()} runs as one, else a live class histogram within the
 * {@link PauseBudget}. Every pause it causes is measured and recorded in the budget.
 */
public final class ConfirmationRunner {

	/**
	 * Takes a live class histogram for a confirmation.
	 */
	@FunctionalInterface
	public interface LiveHistogramTaker {

		/**
		 * Takes the histogram.
		 * @param snapshot the tick's snapshot
		 * @return the histogram, or {@code null} when none could be taken
		 */
		@Nullable ClassHistogram take(Snapshot snapshot);

	}

	private final ConfirmationMode mode;

	private final Duration minInterval;

	private final ConfirmationPolicy policy;

	private final PauseBudget budget;

	private final ExplicitGc explicitGc;

	private final LiveHistogramTaker taker;

	private final Ring<Confirmation> confirmations = new Ring<>(64);

	private volatile String status;

	/**
	 * Creates a runner.
	 * @param mode the confirmation mode
	 * @param policy when a confirmation is due
	 * @param minInterval minimum time between two confirmations
	 * @param budget the pause budget
	 * @param explicitGc the explicit-GC seam
	 * @param taker takes a live class histogram
	 */
	public ConfirmationRunner(ConfirmationMode mode, ConfirmationPolicy policy, Duration minInterval,
			PauseBudget budget, ExplicitGc explicitGc, LiveHistogramTaker taker) {
		this.mode = mode;
		this.policy = policy;
		this.minInterval = minInterval;
		this.budget = budget;
		this.explicitGc = explicitGc;
		this.taker = taker;
		this.status = (mode == ConfirmationMode.NONE) ? "off (memory.audit.confirmation.mode=none)"
				: "none needed yet";
	}

	/**
	 * Called once per tick: runs a confirmation when one is due.
	 * @param current the report of this tick
	 * @param snapshot the tick's snapshot
	 * @param history the snapshots in history, oldest first
	 * @return whether a confirmation was taken
	 */
	public boolean run(TrendReport current, Snapshot snapshot, List<Snapshot> history) {
		Instant now = snapshot.time();
		if (!this.policy.due(current, now) || this.mode == ConfirmationMode.NONE) {
			return false;
		}
		if (this.mode == ConfirmationMode.AUTO) {
			LiveSetMeasurement recent = recentCollectorMeasurement(history, now.minus(this.minInterval.multipliedBy(2)));
			if (recent != null) {
				this.status = "not needed: the collector measured the live set itself (" + recent.source() + ", "
						+ Units.bytes(recent.bytes()) + " at " + recent.time() + ")";
				return false;
			}
		}
		String concurrentUnavailable = this.explicitGc.unavailableReason();
		if (this.mode == ConfirmationMode.CONCURRENT || this.mode == ConfirmationMode.AUTO) {
			if (concurrentUnavailable == null) {
				long start = System.nanoTime();
				this.explicitGc.requestConcurrentCycle();
				long millis = (System.nanoTime() - start) / 1_000_000;
				this.budget.record(now, millis, -1, PauseCause.CONCURRENT_CYCLE);
				this.policy.taken(now, -1);
				this.confirmations.add(new Confirmation(now, ConfirmationMode.CONCURRENT.value(), millis, -1));
				this.status = "requested a concurrent cycle at " + now + " (its marking measures the live set)";
				return true;
			}
			if (this.mode == ConfirmationMode.CONCURRENT) {
				this.status = "unavailable, behaving like none: " + concurrentUnavailable;
				return false;
			}
		}
		long live = liveSetEstimate(snapshot, history, this.confirmations.toList());
		String refusal = this.budget.refusal(now, live);
		if (refusal != null) {
			this.status = "passive: " + refusal;
			return false;
		}
		ClassHistogram histogram = this.taker.take(snapshot);
		if (histogram == null) {
			this.status = "a live histogram could not be taken";
			return false;
		}
		long pause = histogram.captureDuration().toMillis();
		this.budget.record(histogram.capturedAt(), pause, histogram.totalBytes(), PauseCause.LIVE_HISTOGRAM);
		this.policy.taken(now, histogram.totalBytes());
		this.confirmations.add(new Confirmation(histogram.capturedAt(), ConfirmationMode.LIVE_HISTOGRAM.value(), pause,
				histogram.totalBytes()));
		this.status = "live histogram at " + histogram.capturedAt() + ": " + Units.bytes(histogram.totalBytes())
				+ " live, paused " + pause + " ms (predicted " + this.budget.predictMillis(live) + " ms next)";
		return true;
	}

	/**
	 * The latest of the collector's own measurements, when it took at least {@value #ANSWERING_MEASUREMENTS} since
	 * the given time: then its marking answers and no pause of ours is needed.
	 */
	private static @Nullable LiveSetMeasurement recentCollectorMeasurement(List<Snapshot> history, Instant since) {
		LiveSetMeasurement latest = null;
		int count = 0;
		for (int i = history.size() - 1; i >= 0 && !history.get(i).time().isBefore(since); i--) {
			List<LiveSetMeasurement> measurements = history.get(i).gc().measurements();
			for (int j = measurements.size() - 1; j >= 0; j--) {
				if (measurements.get(j).fromCollector()) {
					latest = (latest != null) ? latest : measurements.get(j);
					count++;
				}
			}
		}
		return (count >= ANSWERING_MEASUREMENTS) ? latest : null;
	}

	/** The collector's own measurements within twice min-interval that make a confirmation unnecessary. */
	static final int ANSWERING_MEASUREMENTS = 2;

	/**
	 * The live set to predict a live histogram's pause from: the latest exact measurement in history (a marking, a
	 * full collection, a live histogram), with the after-GC floor as a ceiling; without any exact measurement, the
	 * after-GC floor (an upper bound: it still holds promoted garbage), else heap used.
	 */
	static long liveSetEstimate(Snapshot snapshot, List<Snapshot> history, List<Confirmation> confirmations) {
		Long floor = snapshot.liveSetBytes();
		long upper = (floor != null) ? Math.max(floor, 0) : Math.max(snapshot.heap().used(), 0);
		Instant latest = null;
		long exact = -1;
		for (int i = history.size() - 1; i >= 0 && latest == null; i--) {
			List<LiveSetMeasurement> measurements = history.get(i).gc().measurements();
			if (!measurements.isEmpty()) {
				LiveSetMeasurement last = measurements.get(measurements.size() - 1);
				latest = last.time();
				exact = last.bytes();
			}
		}
		for (Confirmation confirmation : confirmations) {
			if (confirmation.liveBytes() >= 0 && (latest == null || confirmation.time().isAfter(latest))) {
				latest = confirmation.time();
				exact = confirmation.liveBytes();
			}
		}
		if (exact < 0) {
			return upper;
		}
		return (floor != null) ? Math.min(exact, upper) : exact;
	}

	/**
	 * Confirmations taken, oldest first (at most 64).
	 * @return the confirmations
	 */
	public List<Confirmation> confirmations() {
		return this.confirmations.toList();
	}

	/**
	 * What the last confirmation decision was, for the report.
	 * @return the status
	 */
	public String status() {
		return this.status;
	}

	public PauseBudget budget() {
		return this.budget;
	}

}
