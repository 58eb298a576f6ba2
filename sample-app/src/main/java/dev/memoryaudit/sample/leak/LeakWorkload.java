package dev.memoryaudit.sample.leak;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Leaks {@link LeakyOrder}s into {@link LeakyOrderRepository} at a steady, switchable rate from a daemon thread.
 */
@Component
public class LeakWorkload implements DisposableBean {

	/** Default leak rate: 1 MiB/s. */
	public static final long DEFAULT_BYTES_PER_SECOND = 1024L * 1024L;

	static final long TICK_MILLIS = 100;

	private static final long TICKS_PER_SECOND = 1000 / TICK_MILLIS;

	private static final Log logger = LogFactory.getLog(LeakWorkload.class);

	private static final AtomicLong nextId = new AtomicLong();

	private final ScheduledExecutorService executor;

	private volatile long bytesPerSecond = DEFAULT_BYTES_PER_SECOND;

	private ScheduledFuture<?> task;

	/** Bytes owed from earlier ticks whose budget was smaller than one order; only touched on the leak thread. */
	private long carryBytes;

	public LeakWorkload() {
		this.executor = Executors.newSingleThreadScheduledExecutor((runnable) -> {
			Thread thread = new Thread(runnable, "sample-leak");
			thread.setDaemon(true);
			return thread;
		});
	}

	/**
	 * Starts leaking at the given rate, or changes the rate if already running.
	 * @param bytesPerSecond the leak rate, in bytes per second
	 */
	public synchronized void start(long bytesPerSecond) {
		this.bytesPerSecond = bytesPerSecond;
		if (this.task == null) {
			this.task = this.executor.scheduleAtFixedRate(this::tick, 0, TICK_MILLIS, TimeUnit.MILLISECONDS);
			logger.info("Leak started at " + bytesPerSecond + " bytes/s");
		}
		else {
			logger.info("Leak rate changed to " + bytesPerSecond + " bytes/s");
		}
	}

	/**
	 * Stops leaking and waits for an in-flight tick to finish, so the count no longer grows once this returns; the
	 * orders already leaked stay retained.
	 */
	public synchronized void stop() {
		if (this.task == null) {
			return;
		}
		this.task.cancel(false);
		this.task = null;
		awaitInFlightTick();
		logger.info("Leak stopped with " + LeakyOrderRepository.size() + " orders retained");
	}

	/**
	 * Releases every leaked order; leaking continues if it was running.
	 * @return the number of orders released
	 */
	public int clear() {
		int released = LeakyOrderRepository.clear();
		logger.info("Leak cleared, released " + released + " orders");
		return released;
	}

	/**
	 * Returns the current state of the leak.
	 * @return the status
	 */
	public synchronized LeakStatus status() {
		long retained = LeakyOrderRepository.size();
		return new LeakStatus(this.task != null, this.bytesPerSecond, retained, retained * LeakyOrder.ESTIMATED_BYTES);
	}

	@Override
	public void destroy() throws InterruptedException {
		synchronized (this) {
			this.task = null;
		}
		this.executor.shutdownNow();
		if (!this.executor.awaitTermination(5, TimeUnit.SECONDS)) {
			logger.warn("Thread 'sample-leak' did not stop within 5 seconds");
		}
	}

	private void tick() {
		long budget = this.carryBytes + this.bytesPerSecond / TICKS_PER_SECOND;
		int count = (int) Math.min(Integer.MAX_VALUE, budget / LeakyOrder.ESTIMATED_BYTES);
		this.carryBytes = budget - (long) count * LeakyOrder.ESTIMATED_BYTES;
		if (count == 0) {
			return;
		}
		List<LeakyOrder> batch = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			long id = nextId.incrementAndGet();
			batch.add(new LeakyOrder(id));
		}
		LeakyOrderRepository.addAll(batch);
	}

	private void awaitInFlightTick() {
		// The executor has one thread, so a no-op queued after the cancel runs only once any running tick is done.
		try {
			this.executor.submit(() -> {
			}).get(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException | TimeoutException ex) {
			logger.warn("Could not wait for the last leak tick", ex);
		}
	}

}
