package dev.memoryaudit.sample.direct;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Leaks direct ByteBuffers at a given rate, as a handler that wraps every response in a pooled buffer it never returns
 * would: {@link #TICK_MILLIS} ms apart, a buffer of the rate's share is allocated with
 * {@link ByteBuffer#allocateDirect} (the JVM zeroes it, so its pages are resident at once) and kept. The heap holds
 * only the small buffer objects; the memory is native, outside {@code -Xmx}, charged to the container. Stopping keeps
 * what leaked, like a real leak; {@link #clear()} drops it.
 */
@Component
public class DirectBufferLeakWorkload implements DisposableBean {

	/** Default leak rate: 1 MiB/s. */
	public static final long DEFAULT_BYTES_PER_SECOND = 1024 * 1024;

	static final long TICK_MILLIS = 100;

	private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor((runnable) -> {
		Thread thread = new Thread(runnable, "sample-direct-leak");
		thread.setDaemon(true);
		return thread;
	});

	private final List<ByteBuffer> leaked = new CopyOnWriteArrayList<>();

	private final AtomicLong leakedBytes = new AtomicLong();

	private volatile long bytesPerSecond = DEFAULT_BYTES_PER_SECOND;

	private volatile String lastError;

	private ScheduledFuture<?> task;

	/**
	 * Starts leaking, or changes the rate.
	 * @param bytesPerSecond the leak rate
	 */
	public synchronized void start(long bytesPerSecond) {
		this.bytesPerSecond = bytesPerSecond;
		if (this.task == null) {
			this.task = this.ticker.scheduleAtFixedRate(this::tick, 0, TICK_MILLIS, TimeUnit.MILLISECONDS);
		}
	}

	public synchronized void stop() {
		if (this.task != null) {
			this.task.cancel(false);
			this.task = null;
		}
	}

	/**
	 * Drops the leaked buffers; their memory is freed when the collector finds them.
	 */
	public synchronized void clear() {
		this.leaked.clear();
		this.leakedBytes.set(0);
	}

	void tick() {
		int size = (int) Math.max(1, this.bytesPerSecond * TICK_MILLIS / 1000);
		try {
			ByteBuffer buffer = ByteBuffer.allocateDirect(size);
			this.leaked.add(buffer);
			this.leakedBytes.addAndGet(size);
		}
		catch (OutOfMemoryError ex) {
			// -XX:MaxDirectMemorySize reached: the leak stops growing, the error is shown in the status
			this.lastError = ex.toString();
		}
	}

	public DirectBufferLeakStatus status() {
		return new DirectBufferLeakStatus(this.task != null, this.bytesPerSecond, this.leaked.size(),
				this.leakedBytes.get(), this.lastError);
	}

	@Override
	public void destroy() {
		this.ticker.shutdownNow();
	}

	/**
	 * The leak's state.
	 *
	 * @param running whether buffers are being leaked
	 * @param bytesPerSecond the rate
	 * @param buffers buffers leaked
	 * @param bytes bytes leaked
	 * @param lastError the last allocation failure, {@code null} when none
	 */
	public record DirectBufferLeakStatus(boolean running, long bytesPerSecond, int buffers, long bytes,
			String lastError) {
	}

}
