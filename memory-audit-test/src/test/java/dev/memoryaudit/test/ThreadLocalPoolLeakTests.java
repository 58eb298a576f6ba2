package dev.memoryaudit.test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A request-scoped list kept in a {@link ThreadLocal} of pooled threads and never cleared: each task adds to the list
 * of whichever pool thread runs it, so it grows as long as the pool lives.
 */
class ThreadLocalPoolLeakTests {

	private static final ThreadLocal<List<byte[]>> REQUEST_AUDIT = ThreadLocal.withInitial(ArrayList::new);

	private ExecutorService pool;

	@BeforeEach
	void startPool() {
		this.pool = Executors.newFixedThreadPool(2);
	}

	@AfterEach
	void stopPool() throws InterruptedException {
		this.pool.shutdownNow();
		assertThat(this.pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
	}

	@RepeatedTest(20)
	void threadLocalNeverClearedFails() {
		Runnable request = () -> REQUEST_AUDIT.get().add(new byte[100]);
		assertThatThrownBy(() -> LeakCheck.defaults().assertNoLeak(() -> this.pool.submit(request).get()))
			.isInstanceOf(AssertionError.class)
			.hasMessageContaining("Leak suspected")
			.hasMessageContaining("byte[]");
	}

	@RepeatedTest(20)
	void threadLocalRemovedAfterEachTaskPasses() {
		Runnable request = () -> {
			try {
				REQUEST_AUDIT.get().add(new byte[100]);
			}
			finally {
				REQUEST_AUDIT.remove();
			}
		};
		LeakReport report = LeakCheck.defaults().assertNoLeak(() -> this.pool.submit(request).get());
		assertThat(report.leakSuspected()).isFalse();
	}

}
