package dev.memoryaudit.audit;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link JdkExecutors} and the findings on real executors.
 */
class JdkExecutorsTests {

	private final FindingRules rules = new FindingRules(0.8);

	@Test
	void unboundedQueueIsFlagged() {
		ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
		try {
			AuditedStructure s = JdkExecutors.read("fixed", pool, "");
			assertThat(s.bound()).isEqualTo(Bound.UNBOUNDED);
			assertThat(s.capacity()).isNull();
			assertThat(s.threads()).isEqualTo(Bound.BOUNDED);
			assertThat(s.details()).containsEntry("queueType", LinkedBlockingQueue.class.getName())
				.containsEntry("queueRemainingCapacity", (long) Integer.MAX_VALUE);
			assertThat(severities(s)).containsExactly(Severity.UNBOUNDED_QUEUE);
			assertThat(this.rules.findings(s, null).get(0).fix()).contains("bounded queue").contains("rejection");
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void boundedQueueFilledToNinetyPercentIsNearCapacity() throws InterruptedException {
		ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(10),
				new ThreadPoolExecutor.CallerRunsPolicy());
		CountDownLatch release = new CountDownLatch(1);
		try {
			for (int i = 0; i < 10; i++) {
				pool.execute(() -> await(release));
			}
			AuditedStructure s = JdkExecutors.read("bounded", pool, "");
			assertThat(s.bound()).isEqualTo(Bound.BOUNDED);
			assertThat(s.size()).isEqualTo(9);
			assertThat(s.capacity()).isEqualTo(10);
			assertThat(s.policy()).isEqualTo("rejection ThreadPoolExecutor.CallerRunsPolicy");
			assertThat(severities(s)).containsExactly(Severity.NEAR_CAPACITY);
		}
		finally {
			release.countDown();
			pool.shutdown();
			pool.awaitTermination(5, TimeUnit.SECONDS);
		}
		AuditedStructure done = JdkExecutors.read("bounded", pool, "");
		assertThat(done.details()).containsEntry("completedTasks", 10L);
		assertThat(severities(done)).isEmpty();
	}

	@Test
	void cachedThreadPoolIsAnUnboundedPool() {
		ExecutorService pool = Executors.newCachedThreadPool();
		try {
			AuditedStructure s = JdkExecutors.read("cached", pool, "");
			assertThat(s.threads()).isEqualTo(Bound.UNBOUNDED);
			assertThat(severities(s)).containsExactly(Severity.UNBOUNDED_POOL);
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void scheduledPoolQueueIsUnboundedByDesignAndNotFlagged() {
		ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(1);
		try {
			AuditedStructure s = JdkExecutors.read("scheduler", pool, "");
			assertThat(s.bound()).isEqualTo(Bound.UNBOUNDED);
			assertThat(s.unboundedByDesign()).isTrue();
			assertThat(severities(s)).isEmpty();
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void forkJoinPoolIsReadAndOpaqueWrappersAreSaidToBeOpaque() {
		ForkJoinPool pool = new ForkJoinPool(2);
		ExecutorService wrapped = Executors.unconfigurableExecutorService(Executors.newSingleThreadExecutor());
		try {
			AuditedStructure fj = JdkExecutors.read("fj", pool, "");
			assertThat(fj.details()).containsEntry("parallelism", 2);
			assertThat(severities(fj)).isEmpty();
			AuditedStructure opaque = JdkExecutors.read("wrapped", wrapped, "");
			assertThat(opaque.bound()).isEqualTo(Bound.OPAQUE);
			assertThat(opaque.details().get("opaque")).asString().contains("not a ThreadPoolExecutor");
		}
		finally {
			pool.shutdownNow();
			wrapped.shutdownNow();
		}
	}

	private List<Severity> severities(AuditedStructure s) {
		return this.rules.findings(s, null).stream().map(Finding::severity).toList();
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
