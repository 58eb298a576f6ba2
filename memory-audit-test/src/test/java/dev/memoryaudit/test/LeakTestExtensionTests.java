package dev.memoryaudit.test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

/**
 * {@link LeakTest} run through the JUnit engine: a test leaving a pool behind fails, a tidy one passes.
 */
class LeakTestExtensionTests {

	static final List<ExecutorService> LEAKED = new CopyOnWriteArrayList<>();

	@AfterAll
	static void shutDown() throws InterruptedException {
		for (ExecutorService pool : LEAKED) {
			pool.shutdownNow();
			pool.awaitTermination(10, TimeUnit.SECONDS);
		}
	}

	@Test
	void leftoverThreadFailsTheTestAndTidyTestPasses() {
		EngineTestKit.engine("junit-jupiter")
			.selectors(selectClass(Annotated.class))
			.execute()
			.testEvents()
			.assertStatistics((stats) -> stats.started(2).succeeded(1).failed(1))
			.assertThatEvents()
			.haveExactly(1, event(test("leaksAPool"), finishedWithFailure(instanceOf(AssertionError.class),
					message((m) -> m.contains("pool-*-thread-*: 1 new")))));
		assertThat(LEAKED).hasSize(1);
	}

	@LeakTest(gracePeriodMillis = 100)
	static class Annotated {

		@Test
		void leaksAPool() throws Exception {
			ExecutorService pool = Executors.newSingleThreadExecutor();
			LEAKED.add(pool);
			pool.submit(() -> 1).get();
		}

		@Test
		void shutsDownItsPool() throws Exception {
			ExecutorService pool = Executors.newSingleThreadExecutor();
			pool.submit(() -> 1).get();
			pool.shutdown();
			assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
		}

	}

}
