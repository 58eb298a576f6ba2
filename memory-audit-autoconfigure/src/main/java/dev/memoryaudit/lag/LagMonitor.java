package dev.memoryaudit.lag;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;

import org.jspecify.annotations.Nullable;

/**
 * One daemon thread named {@code memory-audit-lag} that parks for a fixed resolution and records how much later than
 * planned it woke: safepoint pauses, GC pauses, CPU starvation and swapping all show up as lag. Keeps the samples of
 * the last window for a p99 and a max, and hands every sample to listeners (a Micrometer timer).
 */
public final class LagMonitor implements AutoCloseable {

	/**
	 * Name of the monitor thread.
	 */
	public static final String THREAD_NAME = "memory-audit-lag";

	private final long resolutionNanos;

	private final long windowNanos;

	private final long[] lags;

	private final long[] times;

	private final List<LongConsumer> listeners = new CopyOnWriteArrayList<>();

	private int next;

	private int size;

	private volatile @Nullable Thread thread;

	private volatile boolean running;

	/**
	 * Creates a monitor; call {@link #start()} to run it.
	 * @param resolution how long the thread parks between samples
	 * @param window how far back {@link #summary()} looks
	 */
	public LagMonitor(Duration resolution, Duration window) {
		if (resolution.isNegative() || resolution.isZero()) {
			throw new IllegalArgumentException("resolution must be positive, was " + resolution);
		}
		this.resolutionNanos = resolution.toNanos();
		this.windowNanos = window.toNanos();
		int capacity = (int) Math.min(100_000, Math.max(16, this.windowNanos / this.resolutionNanos + 1));
		this.lags = new long[capacity];
		this.times = new long[capacity];
	}

	public Duration resolution() {
		return Duration.ofNanos(this.resolutionNanos);
	}

	/**
	 * Adds a listener that receives every lag sample in nanoseconds, on the monitor thread.
	 * @param listener the listener; it must be cheap
	 */
	public void addListener(LongConsumer listener) {
		this.listeners.add(listener);
	}

	/**
	 * Starts the monitor thread; does nothing when running.
	 */
	public synchronized void start() {
		if (this.thread != null) {
			return;
		}
		this.running = true;
		Thread started = new Thread(this::run, THREAD_NAME);
		started.setDaemon(true);
		this.thread = started;
		started.start();
	}

	private void run() {
		while (this.running) {
			try {
				long planned = System.nanoTime() + this.resolutionNanos;
				LockSupport.parkNanos(this.resolutionNanos);
				long woke = System.nanoTime();
				if (!this.running) {
					return;
				}
				if (woke < planned) {
					continue; // spurious early wake-up: not a sample
				}
				record(woke, woke - planned);
			}
			catch (Throwable ex) {
				// an OutOfMemoryError in a listener (the timer) must not end the thread: the lag around a full heap is
				// what the meter is for, and a dead thread would not come back
			}
		}
	}

	void record(long nanoTime, long lagNanos) {
		synchronized (this.lags) {
			this.lags[this.next] = lagNanos;
			this.times[this.next] = nanoTime;
			this.next = (this.next + 1) % this.lags.length;
			this.size = Math.min(this.size + 1, this.lags.length);
		}
		for (LongConsumer listener : this.listeners) {
			listener.accept(lagNanos);
		}
	}

	/**
	 * The lag over the last window.
	 * @return p99 and max of the samples taken within the window
	 */
	public LagSummary summary() {
		long[] recent;
		int count = 0;
		long since = System.nanoTime() - this.windowNanos;
		synchronized (this.lags) {
			recent = new long[this.size];
			for (int i = 0; i < this.size; i++) {
				if (this.times[i] - since >= 0) {
					recent[count++] = this.lags[i];
				}
			}
		}
		if (count == 0) {
			return new LagSummary(Duration.ofNanos(this.windowNanos), 0, 0, 0);
		}
		long[] sorted = Arrays.copyOf(recent, count);
		Arrays.sort(sorted);
		int rank = (int) Math.ceil(0.99 * count) - 1;
		return new LagSummary(Duration.ofNanos(this.windowNanos), count, sorted[Math.max(0, rank)],
				sorted[count - 1]);
	}

	/**
	 * The monitor thread, for CPU accounting.
	 * @return the thread, or {@code null} when not started
	 */
	public @Nullable Thread thread() {
		return this.thread;
	}

	/**
	 * Stops the monitor thread and waits briefly for it to end.
	 */
	@Override
	public synchronized void close() {
		Thread current = this.thread;
		if (current == null) {
			return;
		}
		this.running = false;
		LockSupport.unpark(current);
		try {
			current.join(TimeUnit.SECONDS.toMillis(1));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.thread = null;
	}

}
