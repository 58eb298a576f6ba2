package dev.memoryaudit.sample.shapes;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Drives the three leak shapes from a daemon thread named {@code sample-shapes}, every 100 ms, at a shared rate; the
 * thread-local shape leaks on a pool of two daemon threads named {@code sample-pool-N}.
 */
@Component
public class LeakShapesWorkload implements DisposableBean {

	/** Default leak rate per shape: 256 KiB/s. */
	public static final long DEFAULT_BYTES_PER_SECOND = 256L * 1024L;

	static final int OBJECT_BYTES = 1024;

	private static final long TICK_MILLIS = 100;

	private static final int POOL_THREADS = 2;

	private final ScheduledExecutorService ticker;

	private final ExecutorService pool;

	private final Map<LeakShape, Boolean> running = new EnumMap<>(LeakShape.class);

	private final AtomicLong nextId = new AtomicLong();

	private final AtomicLong threadLocalObjects = new AtomicLong();

	private volatile long bytesPerSecond = DEFAULT_BYTES_PER_SECOND;

	public LeakShapesWorkload() {
		this.ticker = Executors.newSingleThreadScheduledExecutor((runnable) -> daemon(runnable, "sample-shapes"));
		AtomicInteger poolIds = new AtomicInteger();
		this.pool = Executors.newFixedThreadPool(POOL_THREADS,
				(runnable) -> daemon(runnable, "sample-pool-" + poolIds.incrementAndGet()));
		for (LeakShape shape : LeakShape.values()) {
			this.running.put(shape, false);
		}
		this.ticker.scheduleAtFixedRate(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
	}

	private static Thread daemon(Runnable runnable, String name) {
		Thread thread = new Thread(runnable, name);
		thread.setDaemon(true);
		return thread;
	}

	/**
	 * Starts leaking in the given shape.
	 * @param shape the shape
	 * @param rate bytes per second for every running shape
	 */
	public synchronized void start(LeakShape shape, long rate) {
		this.bytesPerSecond = rate;
		this.running.put(shape, true);
	}

	/**
	 * Stops leaking in the given shape; what leaked stays retained.
	 * @param shape the shape
	 */
	public synchronized void stop(LeakShape shape) {
		this.running.put(shape, false);
	}

	/**
	 * The current state.
	 * @return the status
	 */
	public synchronized LeakShapesStatus status() {
		Map<String, Boolean> states = new LinkedHashMap<>();
		this.running.forEach((shape, on) -> states.put(shape.urlName(), on));
		Map<String, Long> retained = new LinkedHashMap<>();
		retained.put(LeakShape.LISTENERS.urlName(), (long) OrderEvents.size());
		retained.put(LeakShape.MAP.urlName(), (long) RequestAudit.BY_REQUEST_ID.size());
		retained.put(LeakShape.THREADLOCAL.urlName(), this.threadLocalObjects.get());
		return new LeakShapesStatus(states, retained, this.bytesPerSecond);
	}

	private void tick() {
		int count = (int) Math.max(1, this.bytesPerSecond * TICK_MILLIS / 1000 / OBJECT_BYTES);
		if (isRunning(LeakShape.LISTENERS)) {
			List<OrderListener> batch = new ArrayList<>(count);
			for (int i = 0; i < count; i++) {
				batch.add(new OrderListener(this.nextId.incrementAndGet(), new byte[OBJECT_BYTES]));
			}
			OrderEvents.register(batch);
		}
		if (isRunning(LeakShape.MAP)) {
			for (int i = 0; i < count; i++) {
				String id = "req-" + this.nextId.incrementAndGet();
				RequestAudit.BY_REQUEST_ID.put(id, new RequestAudit.RequestDetails(id, new byte[OBJECT_BYTES]));
			}
		}
		if (isRunning(LeakShape.THREADLOCAL)) {
			int perThread = Math.max(1, count / POOL_THREADS);
			for (int t = 0; t < POOL_THREADS; t++) {
				this.pool.execute(() -> {
					List<byte[]> buffers = RequestContext.BUFFERS.get();
					for (int i = 0; i < perThread; i++) {
						buffers.add(new byte[OBJECT_BYTES]);
					}
					this.threadLocalObjects.addAndGet(perThread);
				});
			}
		}
	}

	private synchronized boolean isRunning(LeakShape shape) {
		return this.running.get(shape);
	}

	/**
	 * Stops the ticker and the pool (whose threads take their thread-locals with them) and releases what the listener
	 * and map shapes retained in their static holders, so that a closed context leaves no leak behind in its JVM.
	 */
	@Override
	public void destroy() throws InterruptedException {
		this.ticker.shutdownNow();
		this.pool.shutdownNow();
		this.ticker.awaitTermination(5, TimeUnit.SECONDS);
		this.pool.awaitTermination(5, TimeUnit.SECONDS);
		OrderEvents.clear();
		RequestAudit.BY_REQUEST_ID.clear();
	}

}
