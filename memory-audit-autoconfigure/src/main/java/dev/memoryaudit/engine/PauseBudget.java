package dev.memoryaudit.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

import dev.memoryaudit.trend.Units;
import org.jspecify.annotations.Nullable;

/**
 * The stop-the-world time the starter may spend on confirmations: every pause of ours counts against a share of any
 * trailing hour (default 0.1 %, 3.6 s an hour), and no single confirmation may pause longer than a
 * maximum (default 200 ms). A live histogram's pause is predicted from the live set before it is taken: a fixed cost
 * plus a cost per MiB ({@value #PRIOR_FIXED_MILLIS} ms + {@value #PRIOR_MILLIS_PER_MIB} ms/MiB, from measurements on
 * a 2-core machine), scaled by how far the pauses measured here so far exceeded that model (the median ratio of the
 * last {@value #HISTORY}, never below 1: a slow machine is not underestimated, and one slow pause does not stop
 * confirmations for good).
 */
public final class PauseBudget {

	/** Fixed part of the prior pause model of a live histogram (safepoint, class walk), milliseconds. */
	static final double PRIOR_FIXED_MILLIS = 20;

	/** Per-MiB part of the prior pause model of a live histogram (the full collection it forces), milliseconds. */
	static final double PRIOR_MILLIS_PER_MIB = 1.5;

	static final int HISTORY = 8;

	static final Duration WINDOW = Duration.ofHours(1);

	private final double fraction;

	private final Duration maxPause;

	/** Our pauses summed per minute of the trailing hour: bounded, whatever the histogram rate. */
	private final Deque<Pause> pauses = new ArrayDeque<>();

	private final Deque<Double> scales = new ArrayDeque<>();

	private long totalMillis;

	private long totalPauses;

	private final java.util.List<java.util.function.ObjLongConsumer<PauseCause>> listeners =
			new java.util.concurrent.CopyOnWriteArrayList<>();

	/**
	 * Creates a budget.
	 * @param fraction share of wall time our pauses may take over the trailing hour, e.g. {@code 0.001}
	 * @param maxPause the longest single pause a confirmation may cause
	 */
	public PauseBudget(double fraction, Duration maxPause) {
		this.fraction = fraction;
		this.maxPause = maxPause;
	}

	/**
	 * The pause a live histogram is predicted to cause now.
	 * @param liveBytes the live set (an upper bound is fine)
	 * @return the predicted pause in milliseconds
	 */
	public synchronized long predictMillis(long liveBytes) {
		double[] ratios = this.scales.stream().mapToDouble(Double::doubleValue).toArray();
		double scale = (ratios.length == 0) ? 1.0 : dev.memoryaudit.trend.stats.Quantiles.median(ratios);
		return Math.round(prior(liveBytes) * Math.max(1.0, scale));
	}

	/**
	 * The prior model of a live histogram's pause, before any was measured here.
	 * @param liveBytes the live set
	 * @return milliseconds
	 */
	public static double prior(long liveBytes) {
		return PRIOR_FIXED_MILLIS + PRIOR_MILLIS_PER_MIB * Math.max(0, liveBytes) / (1024.0 * 1024);
	}

	/**
	 * Why a live histogram may not be taken now.
	 * @param now the time
	 * @param liveBytes the live set (an upper bound is fine)
	 * @return the reason, or {@code null} when the budget allows it
	 */
	public synchronized @Nullable String refusal(Instant now, long liveBytes) {
		long predicted = predictMillis(liveBytes);
		if (predicted > this.maxPause.toMillis()) {
			return String.format(Locale.ROOT, "a live histogram would pause about %d ms at a live set of %s, above "
					+ "memory.audit.confirmation.max-pause (%s)", predicted, Units.bytes(liveBytes),
					Units.duration(this.maxPause));
		}
		long allowed = allowedMillis();
		long used = usedMillis(now);
		if (used + predicted > allowed) {
			return String.format(Locale.ROOT, "the pause budget is spent: %d ms of our pauses in the last hour, %d ms "
					+ "allowed (memory.audit.confirmation.pause-budget %.2f%% of wall time); a live histogram "
					+ "would add about %d ms", used, allowed, this.fraction * 100, predicted);
		}
		return null;
	}

	/**
	 * Registers a listener told of every pause recorded (the {@code memory.audit.pause} timer), with its cause and
	 * milliseconds; called on the thread that recorded it, so it must be cheap; what it throws is ignored.
	 * @param listener the listener
	 */
	public void addListener(java.util.function.ObjLongConsumer<PauseCause> listener) {
		this.listeners.add(listener);
	}

	/**
	 * Records a pause we caused: it counts against the budget and goes to the listeners.
	 * @param at when it ended
	 * @param pauseMillis how long it paused the JVM
	 * @param liveBytes the live set it measured or ran on, {@code -1} when unknown (not used to learn the model)
	 * @param cause what caused it
	 */
	public void record(Instant at, long pauseMillis, long liveBytes, PauseCause cause) {
		account(at, pauseMillis, liveBytes);
		for (java.util.function.ObjLongConsumer<PauseCause> listener : this.listeners) {
			try {
				listener.accept(cause, Math.max(0, pauseMillis));
			}
			catch (RuntimeException ex) {
				// a meter never fails the pause's owner
			}
		}
	}

	private synchronized void account(Instant at, long pauseMillis, long liveBytes) {
		this.totalMillis += Math.max(0, pauseMillis);
		this.totalPauses++;
		Instant minute = at.truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
		Pause last = this.pauses.peekLast();
		if (last != null && last.at().equals(minute)) {
			this.pauses.removeLast();
			this.pauses.addLast(new Pause(minute, last.millis() + Math.max(0, pauseMillis)));
		}
		else {
			this.pauses.addLast(new Pause(minute, Math.max(0, pauseMillis)));
		}
		if (liveBytes >= 0) {
			this.scales.addLast(pauseMillis / prior(liveBytes));
			while (this.scales.size() > HISTORY) {
				this.scales.removeFirst();
			}
		}
		prune(at);
	}

	/**
	 * Milliseconds of our pauses in the trailing hour.
	 * @param now the time
	 * @return the milliseconds
	 */
	public synchronized long usedMillis(Instant now) {
		prune(now);
		return this.pauses.stream().mapToLong(Pause::millis).sum();
	}

	/**
	 * Milliseconds the budget allows over any trailing hour, from the start on (a fresh service may spend its hour's
	 * share early, when a leak is most often introduced: a deploy).
	 * @return the milliseconds
	 */
	public long allowedMillis() {
		return (long) (this.fraction * WINDOW.toMillis());
	}

	/**
	 * Milliseconds of all pauses recorded since the start.
	 * @return the total
	 */
	public synchronized long totalMillis() {
		return this.totalMillis;
	}

	/**
	 * Pauses recorded since the start.
	 * @return the count
	 */
	public synchronized long totalPauses() {
		return this.totalPauses;
	}

	public double fraction() {
		return this.fraction;
	}

	public Duration maxPause() {
		return this.maxPause;
	}

	private void prune(Instant now) {
		Instant cutoff = now.minus(WINDOW).truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
		while (!this.pauses.isEmpty() && (this.pauses.peekFirst().at().isBefore(cutoff)
				|| this.pauses.size() > WINDOW.toMinutes() + 1)) {
			this.pauses.removeFirst();
		}
	}

	private record Pause(Instant at, long millis) {
	}

}
