package dev.memoryaudit.sample.garbage;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import dev.memoryaudit.sample.web.RateRange;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Allocates short-lived garbage plus a bounded ring of medium-lived objects from a daemon thread: a sawtooth heap, no leak.
 */
@Component
public class GarbageWorkload implements DisposableBean {

	/** Default allocation rate: 8 MiB/s. */
	public static final long DEFAULT_BYTES_PER_SECOND = 8 * 1024 * 1024;

	/** Allowed allocation rates: 1 byte to 256 MiB per second. */
	public static final RateRange ALLOWED_RATES = new RateRange(1, 256 * RateRange.MIB);

	/** Number of medium-lived objects kept; each new one replaces the oldest. */
	public static final int RING_CAPACITY = 2_000;

	static final long TICK_MILLIS = 10;

	private static final long TICKS_PER_SECOND = 1000 / TICK_MILLIS;

	/** One allocation in this many is kept in the ring instead of being dropped at once. */
	private static final int RING_EVERY = 16;

	private static final int MIN_CHUNK = 64;

	private static final int MAX_CHUNK = 4096;

	private static final Log logger = LogFactory.getLog(GarbageWorkload.class);

	private final ScheduledExecutorService executor;

	private final boolean startOnReady;

	private final AtomicLong allocatedBytes = new AtomicLong();

	/** Medium-lived objects; written only on the garbage thread. */
	private final RecentObject[] ring = new RecentObject[RING_CAPACITY];

	private volatile long bytesPerSecond;

	private volatile int ringObjects;

	/** Keeps the JIT from eliding allocations whose contents are never read. */
	private volatile long sink;

	private ScheduledFuture<?> task;

	/** Bytes owed from earlier ticks; only touched on the garbage thread. */
	private long carryBytes;

	private long sequence;

	public GarbageWorkload(GarbageProperties properties) {
		this.bytesPerSecond = ALLOWED_RATES.check(properties.bytesPerSecond());
		this.startOnReady = properties.enabled();
		this.executor = Executors.newSingleThreadScheduledExecutor((runnable) -> {
			Thread thread = new Thread(runnable, "sample-garbage");
			thread.setDaemon(true);
			return thread;
		});
	}

	@EventListener(ApplicationReadyEvent.class)
	void startOnReady() {
		if (this.startOnReady) {
			start(this.bytesPerSecond);
		}
	}

	/**
	 * Starts allocating at the given rate, or changes the rate if already running.
	 * @param bytesPerSecond the allocation rate, in bytes per second
	 */
	public synchronized void start(long bytesPerSecond) {
		this.bytesPerSecond = bytesPerSecond;
		if (this.task == null && !this.executor.isShutdown()) {
			this.task = this.executor.scheduleAtFixedRate(this::tick, 0, TICK_MILLIS, TimeUnit.MILLISECONDS);
			logger.info("Garbage workload started at " + bytesPerSecond + " bytes/s");
		}
		else {
			logger.info("Garbage workload rate changed to " + bytesPerSecond + " bytes/s");
		}
	}

	/**
	 * Stops allocating and waits for an in-flight tick to finish; the ring keeps its objects.
	 */
	public synchronized void stop() {
		if (this.task == null) {
			return;
		}
		this.task.cancel(false);
		this.task = null;
		try {
			this.executor.submit(() -> {
			}).get(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException | TimeoutException ex) {
			logger.warn("Could not wait for the last garbage tick", ex);
		}
		logger.info("Garbage workload stopped");
	}

	/**
	 * Returns the current state of the workload.
	 * @return the status
	 */
	public synchronized GarbageStatus status() {
		return new GarbageStatus(this.task != null, this.bytesPerSecond, this.allocatedBytes.get(), this.ringObjects,
				RING_CAPACITY);
	}

	@Override
	public void destroy() throws InterruptedException {
		synchronized (this) {
			this.task = null;
		}
		this.executor.shutdownNow();
		if (!this.executor.awaitTermination(5, TimeUnit.SECONDS)) {
			logger.warn("Thread 'sample-garbage' did not stop within 5 seconds");
		}
	}

	private void tick() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		long budget = this.carryBytes + this.bytesPerSecond / TICKS_PER_SECOND;
		long allocated = 0;
		long checksum = 0;
		while (budget - allocated >= MIN_CHUNK) {
			int size = (int) Math.min(budget - allocated, random.nextInt(MIN_CHUNK, MAX_CHUNK + 1));
			byte[] chunk = new byte[size];
			chunk[random.nextInt(size)] = (byte) size;
			checksum += chunk[0] + chunk[size - 1];
			allocated += size;
			long seq = this.sequence++;
			if (seq % RING_EVERY == 0) {
				int slot = (int) ((seq / RING_EVERY) % RING_CAPACITY);
				if (this.ring[slot] == null) {
					this.ringObjects++;
				}
				this.ring[slot] = new RecentObject(seq, chunk);
			}
		}
		this.carryBytes = budget - allocated;
		this.allocatedBytes.addAndGet(allocated);
		this.sink = checksum;
	}

	/**
	 * A medium-lived object: survives until {@link GarbageWorkload#RING_CAPACITY} newer ones have replaced it.
	 */
	private record RecentObject(long sequence, byte[] data) {

	}

}
