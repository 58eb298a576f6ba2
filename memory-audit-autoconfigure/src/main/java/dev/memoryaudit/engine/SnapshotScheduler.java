package dev.memoryaudit.engine;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

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

	private long plannedNanos;

	private ScheduledExecutorService executor;

	private volatile Thread thread;

	public SnapshotScheduler(MemoryAuditEngine engine, Duration initialDelay, Duration interval) {
		if (interval.isNegative() || interval.isZero()) {
			throw new IllegalArgumentException("interval must be positive, was " + interval);
		}
		this.engine = engine;
		this.initialDelay = initialDelay.isNegative() ? Duration.ZERO : initialDelay;
		this.interval = interval;
	}

	/**
	 * Starts the schedule; does nothing when already started.
	 */
	public synchronized void start() {
		if (this.executor != null) {
			return;
		}
		this.executor = Executors.newSingleThreadScheduledExecutor((runnable) -> {
			Thread thread = new Thread(runnable, THREAD_NAME);
			thread.setDaemon(true);
			this.thread = thread;
			return thread;
		});
		this.plannedNanos = System.nanoTime() + this.initialDelay.toNanos();
		this.executor.scheduleWithFixedDelay(this::tick, this.initialDelay.toNanos(), this.interval.toNanos(),
				TimeUnit.NANOSECONDS);
	}

	private void tick() {
		long start = System.nanoTime();
		long lagMillis = Math.max(0, TimeUnit.NANOSECONDS.toMillis(start - this.plannedNanos));
		this.lastLag = lagMillis;
		try {
			this.engine.tick(lagMillis);
			this.ticks.incrementAndGet();
		}
		catch (Throwable ex) {
			// nothing escapes: a throwable leaving this method would cancel the schedule for good, silently
			this.failures.incrementAndGet();
			try {
				logRateLimited(ex);
			}
			catch (Throwable logging) {
				// logging itself can fail (seen: the application jar replaced under a running JVM, so the logging
				// framework cannot load the class it renders the exception with); the next tick tries again
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
		if (this.executor == null) {
			return;
		}
		this.executor.shutdownNow();
		try {
			this.executor.awaitTermination(5, TimeUnit.SECONDS);
			Thread worker = this.thread;
			if (worker != null) {
				worker.join(TimeUnit.SECONDS.toMillis(5));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.executor = null;
	}

}
