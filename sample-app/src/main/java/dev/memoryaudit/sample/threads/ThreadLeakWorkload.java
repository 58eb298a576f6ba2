package dev.memoryaudit.sample.threads;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The classic thread leak: a new fixed pool (two threads named {@code pool-N-thread-M}) per "request", never shut
 * down. While running, one pool is created every {@link #INTERVAL_MILLIS} ms; stopping stops creating pools but keeps
 * the leaked ones, as a real leak would. They are shut down only when the application context closes.
 */
@Component
public class ThreadLeakWorkload implements DisposableBean {

	/** Time between leaked pools. */
	public static final long INTERVAL_MILLIS = 250;

	static final int THREADS_PER_POOL = 2;

	private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor((runnable) -> {
		Thread thread = new Thread(runnable, "sample-thread-leak");
		thread.setDaemon(true);
		return thread;
	});

	private final List<ExecutorService> leaked = new CopyOnWriteArrayList<>();

	private ScheduledFuture<?> task;

	public synchronized void start() {
		if (this.task == null) {
			this.task = this.ticker.scheduleAtFixedRate(this::leakOnePool, 0, INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
		}
	}

	public synchronized void stop() {
		if (this.task != null) {
			this.task.cancel(false);
			this.task = null;
		}
	}

	/**
	 * What a request handler that creates its own executor does.
	 */
	void leakOnePool() {
		ExecutorService pool = Executors.newFixedThreadPool(THREADS_PER_POOL);
		for (int i = 0; i < THREADS_PER_POOL; i++) {
			pool.execute(() -> {
			});
		}
		this.leaked.add(pool);
	}

	public synchronized ThreadLeakStatus status() {
		return new ThreadLeakStatus(this.task != null, this.leaked.size(), this.leaked.size() * THREADS_PER_POOL);
	}

	@Override
	public void destroy() {
		stop();
		this.ticker.shutdownNow();
		this.leaked.forEach(ExecutorService::shutdownNow);
		this.leaked.clear();
	}

}
