package dev.memoryaudit.sample.threads;

import java.lang.reflect.Method;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The virtual-thread leak (JDK 21+): a task per "request" that waits on a future nobody completes, started on a new
 * virtual thread, so the parked virtual threads pile up. Started by reflection, so that the sample app still builds
 * and runs on JDK 17, where {@link #unavailableReason()} says why it cannot start.
 */
@Component
public class VirtualThreadLeakWorkload implements DisposableBean {

	private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor((runnable) -> {
		Thread thread = new Thread(runnable, "sample-virtual-thread-leak");
		thread.setDaemon(true);
		return thread;
	});

	private final CompletableFuture<Void> never = new CompletableFuture<>();

	private final AtomicLong started = new AtomicLong();

	private ScheduledFuture<?> task;

	/**
	 * Why virtual threads cannot be started here.
	 * @return the reason, {@code null} on JDK 21 and later
	 */
	public String unavailableReason() {
		try {
			Thread.class.getMethod("ofVirtual");
			return null;
		}
		catch (NoSuchMethodException ex) {
			return "virtual threads need JDK 21 or later; this is " + System.getProperty("java.version");
		}
	}

	/**
	 * Starts leaking virtual threads.
	 * @param perSecond virtual threads started a second
	 */
	public synchronized void start(int perSecond) {
		if (this.task == null) {
			long period = Math.max(1, 1000 / perSecond);
			this.task = this.ticker.scheduleAtFixedRate(this::leakOne, 0, period, TimeUnit.MILLISECONDS);
		}
	}

	public synchronized void stop() {
		if (this.task != null) {
			this.task.cancel(false);
			this.task = null;
		}
	}

	void leakOne() {
		try {
			Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
			Method start = Class.forName("java.lang.Thread$Builder").getMethod("start", Runnable.class);
			start.invoke(builder, (Runnable) this::waitForAnswer);
			this.started.incrementAndGet();
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException(unavailableReason(), ex);
		}
	}

	/** What the leaked task does: waits for an answer that never comes. */
	void waitForAnswer() {
		this.never.join();
	}

	public VirtualThreadLeakStatus status() {
		return new VirtualThreadLeakStatus(this.task != null, this.started.get(), unavailableReason());
	}

	@Override
	public void destroy() {
		this.ticker.shutdownNow();
		this.never.complete(null);
	}

	/**
	 * The leak's state.
	 *
	 * @param running whether virtual threads are being leaked
	 * @param started virtual threads started (all still waiting)
	 * @param unavailable why it cannot run here, {@code null} when it can
	 */
	public record VirtualThreadLeakStatus(boolean running, long started, String unavailable) {
	}

}
