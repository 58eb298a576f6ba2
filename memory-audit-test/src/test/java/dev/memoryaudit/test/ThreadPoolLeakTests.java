package dev.memoryaudit.test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import dev.memoryaudit.audit.ThreadCensus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A thread pool created per call and never shut down, caught by {@link ThreadCheck}.
 */
class ThreadPoolLeakTests {

	private static final ThreadCheck SHORT_GRACE = ThreadCheck.defaults().gracePeriod(Duration.ofMillis(100));

	private final List<ExecutorService> created = new CopyOnWriteArrayList<>();

	@AfterEach
	void shutDownLeakedPools() throws InterruptedException {
		for (ExecutorService pool : this.created) {
			pool.shutdownNow();
			assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
		}
	}

	private int work(boolean shutDown) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(2);
		this.created.add(pool);
		try {
			return pool.submit(() -> 42).get() + pool.submit(() -> 1).get();
		}
		finally {
			if (shutDown) {
				pool.shutdown();
				pool.awaitTermination(10, TimeUnit.SECONDS);
			}
		}
	}

	@Test
	void poolNeverShutDownFailsWithTheDefaults() {
		assertThatThrownBy(() -> LeakAssertions.assertNoThreadsLeft(() -> work(false)))
			.isInstanceOf(AssertionError.class)
			.hasMessageContaining("2 new live thread(s) left behind by the block (after a grace period of 500 ms)")
			.hasMessageContaining("pool-*-thread-*: 2 new")
			.hasMessageContaining("java.util.concurrent.ThreadPoolExecutor.getTask");
	}

	// the repeated runs use a 100 ms grace period: a leaking block always waits it out, and 20 x 500 ms is suite time
	@RepeatedTest(20)
	void poolNeverShutDownFails() {
		assertThatThrownBy(() -> SHORT_GRACE.assertNoThreadsLeft(() -> work(false)))
			.isInstanceOf(AssertionError.class)
			.hasMessageContaining("2 new live thread(s) left behind by the block (after a grace period of 100 ms)")
			.hasMessageContaining("pool-*-thread-*: 2 new")
			.hasMessageContaining("java.util.concurrent.ThreadPoolExecutor.getTask");
	}

	@RepeatedTest(20)
	void poolShutDownPassesWithShortGrace() {
		SHORT_GRACE.assertNoThreadsLeft(() -> work(true));
	}

	@RepeatedTest(20)
	void poolShutDownPasses() {
		LeakAssertions.assertNoThreadsLeft(() -> work(true));
	}

	@Test
	void threadEndingWithinTheGracePeriodPasses() {
		ThreadCheck.defaults().gracePeriod(Duration.ofSeconds(5)).assertNoThreadsLeft(() -> {
			ExecutorService pool = Executors.newSingleThreadExecutor();
			pool.submit(() -> 1).get();
			pool.shutdown(); // not awaited: the worker ends a moment later
		});
	}

	@Test
	void ignoredThreadNamesAreNotReported() {
		ThreadCheck.defaults().ignoring("pool-*-thread-*").assertNoThreadsLeft(() -> work(false));
	}

	@Test
	void namesAreGroupedWithDigitsFolded() {
		assertThat(ThreadCensus.pattern("pool-12-thread-3")).isEqualTo("pool-*-thread-*");
		assertThat(ThreadCensus.pattern("HttpClient-1-SelectorManager")).isEqualTo("HttpClient-*-SelectorManager");
		assertThat(ThreadCensus.pattern("main")).isEqualTo("main");
	}

}
