package dev.memoryaudit.lag;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LagMonitorTests {

	@Test
	void fullGcPauseShowsAsLagAtLeastAsLongAsThePause() throws InterruptedException {
		Duration resolution = Duration.ofMillis(1);
		List<Long> received = new java.util.concurrent.CopyOnWriteArrayList<>();
		try (LagMonitor monitor = new LagMonitor(resolution, Duration.ofMinutes(1))) {
			monitor.addListener(received::add);
			monitor.start();
			awaitSamples(monitor, 20);
			Object[] live = liveObjects(3_000_000);
			long pauseMillis = collectionMillis();
			System.gc();
			pauseMillis = collectionMillis() - pauseMillis;
			awaitSamples(monitor, monitor.summary().samples() + 20);
			LagSummary summary = monitor.summary();

			assertThat(live).hasSize(3_000_000);
			assertThat(pauseMillis).as("full GC pause").isGreaterThanOrEqualTo(10);
			// the thread may have been mid-sleep when the pause began, so it wakes up to one resolution less late; the
			// collector's own time is summed in whole milliseconds per collection, so it may read up to 1 ms more
			long expectedNanos = (pauseMillis - resolution.toMillis() - 1) * 1_000_000;
			assertThat(summary.maxNanos()).isGreaterThanOrEqualTo(expectedNanos);
			assertThat(summary.p99Nanos()).isLessThanOrEqualTo(summary.maxNanos());
			assertThat(received.stream().mapToLong(Long::longValue).max().orElse(0)).isEqualTo(summary.maxNanos());
		}
	}

	@Test
	void runsOneNamedDaemonThreadAndStopsOnClose() throws InterruptedException {
		LagMonitor monitor = new LagMonitor(Duration.ofMillis(10), Duration.ofMinutes(1));
		monitor.start();
		Thread thread = monitor.thread();
		assertThat(thread.getName()).isEqualTo("memory-audit-lag");
		assertThat(thread.isDaemon()).isTrue();
		assertThat(thread.isAlive()).isTrue();
		monitor.close();
		assertThat(thread.isAlive()).isFalse();
		assertThat(monitor.thread()).isNull();
	}

	@Test
	void summaryCoversOnlyTheWindow() {
		LagMonitor monitor = new LagMonitor(Duration.ofMillis(10), Duration.ofSeconds(1));
		long now = System.nanoTime();
		monitor.record(now - 5_000_000_000L, 900_000_000L); // five seconds ago: outside the window
		for (int i = 1; i <= 100; i++) {
			monitor.record(now, i * 1_000_000L);
		}
		LagSummary summary = monitor.summary();
		assertThat(summary.samples()).isEqualTo(100);
		assertThat(summary.maxNanos()).isEqualTo(100_000_000L);
		assertThat(summary.p99Nanos()).isEqualTo(99_000_000L);
	}

	@Test
	void rejectsNonPositiveResolution() {
		org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
			.isThrownBy(() -> new LagMonitor(Duration.ZERO, Duration.ofMinutes(1)));
	}

	private static void awaitSamples(LagMonitor monitor, int samples) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (monitor.summary().samples() < samples && System.nanoTime() < deadline) {
			Thread.sleep(5);
		}
	}

	private static Object[] liveObjects(int count) {
		Object[] objects = new Object[count];
		for (int i = 0; i < count; i++) {
			objects[i] = new ArrayList<>(1);
		}
		return objects;
	}

	private static long collectionMillis() {
		long total = 0;
		for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
			total += Math.max(0, collector.getCollectionTime());
		}
		return total;
	}

}
