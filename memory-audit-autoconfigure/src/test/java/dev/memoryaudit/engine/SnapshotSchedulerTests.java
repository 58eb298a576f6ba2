package dev.memoryaudit.engine;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import dev.memoryaudit.histogram.HistogramCapturer;
import dev.memoryaudit.snapshot.GcMonitor;
import dev.memoryaudit.snapshot.PlatformProcessProbe;
import dev.memoryaudit.snapshot.SnapshotCapturer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SnapshotSchedulerTests {

	/**
	 * A tick that ends in an Error (here a StackOverflowError from a series contributor; seen for real: classes that
	 * could no longer be loaded after the application jar was replaced under a running JVM) must not cancel the
	 * schedule: the executor drops a periodic task for good, silently, when it throws.
	 */
	@Test
	void keepsTickingAfterATickEndsInAnError() throws Exception {
		GcMonitor monitor = GcMonitor.forPlatform();
		monitor.start();
		SnapshotCapturer capturer = new SnapshotCapturer(monitor, new PlatformProcessProbe(), List.of(() -> {
			throw new StackOverflowError("test");
		}), Clock.systemUTC());
		MemoryAuditEngine engine = new MemoryAuditEngine(EngineSettings.defaults(), capturer,
				new HistogramCapturer((live, threads) -> "", 10, 1, Clock.systemUTC()), monitor, new ExplicitGc(),
				List.of(), List.of(), Clock.systemUTC());
		SnapshotScheduler scheduler = new SnapshotScheduler(engine, Duration.ZERO, Duration.ofMillis(10));
		try {
			scheduler.start();
			long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
			while (scheduler.failures() < 5 && System.nanoTime() < deadline) {
				Thread.sleep(20);
			}
			assertThat(scheduler.failures()).isGreaterThanOrEqualTo(5);
		}
		finally {
			scheduler.close();
			engine.close();
		}
	}

}
