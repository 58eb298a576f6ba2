package dev.memoryaudit.engine;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.jspecify.annotations.Nullable;

/**
 * Runs the engine's tick on one daemon thread named {@code memory-audit-snapshot} with a fixed delay. A failing tick
 * is counted and logged (at most once a minute) and never stops the schedule.
 */
public final class SnapshotScheduler implements AutoCloseable {

	/**
	 * Name of the scheduler thread.
	 */
	public static final String THREAD_NAME = "memory-audit-snapshot";

	private static final System.Logger logger = System.getLogger(SnapshotScheduler.class.getName());

	private static final long LOG_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);

	private final MemoryAuditEngine engine;

	private final Duration initialDelay;

	private final Duration interval;

	private final AtomicLong failures = new AtomicLong();

	private final AtomicLong ticks = new AtomicLong();

	private volatile long lastLag;

	private long lastLogNanos = System.nanoTime() - LOG_EVERY_NANOS;

	private volatile long plannedNanos;

	private volatile boolean running;

	private volatile long lastSuccessNanos;

	private final java.util.List<java.util.function.LongConsumer> tickListeners =
			new java.util.concurrent.CopyOnWriteArrayList<>();

	private volatile @Nullable Thread thread;

	public SnapshotScheduler(MemoryAuditEngine engine, Duration initialDelay, Duration interval) {
		if (interval.isNegative() || interval.isZero()) {
			throw new IllegalArgumentException("interval must be positive, was " + interval);
		}
		this.engine = engine;
		this.initialDelay = initialDelay.isNegative() ? Duration.ZERO : initialDelay;
		this.interval = interval;
	}

	/**
	 * Starts the schedule on its own daemon thread; does nothing when already started.
	 */
	public synchronized void start() {
		if (this.thread != null) {
			return;
		}
		this.running = true;
		this.plannedNanos = System.nanoTime() + this.initialDelay.toNanos();
		this.lastSuccessNanos = System.nanoTime();
		Thread started = new Thread(this::run, THREAD_NAME);
		started.setDaemon(true);
		this.thread = started;
		started.start();
	}

	/**
	 * The loop: park until the planned time, tick, plan the next tick one interval after this one ended (a fixed
	 * delay). It allocates nothing of its own and catches everything, so that an {@code OutOfMemoryError} (the heap
	 * full, or a thread that cannot be created) ends neither it nor the schedule: an executor's worker dies when the
	 * lock of its queue cannot allocate, and its replacement thread cannot be created on a full heap (seen on the sample
	 * app at 96 MiB: the history stopped a minute before the JVM did). Ticks fail while nothing can be allocated and
	 * succeed again as soon as something can.
	 */
	private void run() {
		while (this.running) {
			try {
				long wait = this.plannedNanos - System.nanoTime();
				if (wait > 0) {
					LockSupport.parkNanos(this, wait);
					Thread.interrupted(); // an interrupt only wakes the loop; close() ends it through running
					continue;
				}
				tick();
			}
			catch (Throwable ex) {
				this.failures.incrementAndGet();
				this.plannedNanos = System.nanoTime() + this.interval.toNanos();
			}
		}
	}

	private void tick() {
		long start = System.nanoTime();
		long lagMillis = Math.max(0, TimeUnit.NANOSECONDS.toMillis(start - this.plannedNanos));
		this.lastLag = lagMillis;
		try {
			this.engine.tick(lagMillis);
			this.ticks.incrementAndGet();
			long end = System.nanoTime();
			this.lastSuccessNanos = end;
			for (java.util.function.LongConsumer listener : this.tickListeners) {
				listener.accept(end - start);
			}
		}
		catch (Throwable ex) {
			// nothing escapes: the loop would survive it, but the failure is counted and logged here
			this.failures.incrementAndGet();
			try {
				logRateLimited(ex);
			}
			catch (Throwable logging) {
				// logging itself can fail (seen: the application jar replaced under a running JVM, so the logging
				// framework cannot load the class it renders the exception with; or the heap is full); the next tick
				// tries again
			}
		}
		finally {
			this.plannedNanos = System.nanoTime() + this.interval.toNanos();
		}
	}

	private void logRateLimited(Throwable ex) {
		long now = System.nanoTime();
		if (now - this.lastLogNanos >= LOG_EVERY_NANOS) {
			this.lastLogNanos = now;
			logger.log(System.Logger.Level.WARNING, "memory-audit snapshot failed (" + this.failures.get()
					+ " failures so far; further failures are logged at most once a minute)", ex);
		}
	}

	/**
	 * Registers a listener told how long each successful tick took, in nanoseconds, on the snapshot thread.
	 * @param listener the listener
	 */
	public void addTickListener(java.util.function.LongConsumer listener) {
		this.tickListeners.add(listener);
	}

	/**
	 * Seconds since the last successful tick ended, or since the schedule started before the first: it grows
	 * without bound when ticks stop or keep failing (the stalled alert watches it).
	 * @return seconds
	 */
	public double secondsSinceLastTick() {
		return (System.nanoTime() - this.lastSuccessNanos) / 1e9;
	}

	public long failures() {
		return this.failures.get();
	}

	public long ticks() {
		return this.ticks.get();
	}

	/**
	 * How late the most recent tick started, in milliseconds.
	 * @return the lag
	 */
	public long lastStartLagMillis() {
		return this.lastLag;
	}

	public Duration interval() {
		return this.interval;
	}

	/**
	 * Stops the schedule and waits briefly for a running tick to end and the thread to die.
	 */
	@Override
	public synchronized void close() {
		Thread worker = this.thread;
		if (worker == null) {
			return;
		}
		this.running = false;
		LockSupport.unpark(worker);
		try {
			worker.join(TimeUnit.SECONDS.toMillis(5));
			if (worker.isAlive()) {
				worker.interrupt(); // a tick blocked in I/O; the loop ends once it returns
				worker.join(TimeUnit.SECONDS.toMillis(5));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.thread = null;
	}

}
