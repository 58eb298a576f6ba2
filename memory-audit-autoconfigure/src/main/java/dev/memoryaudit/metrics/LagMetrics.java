package dev.memoryaudit.metrics;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import dev.memoryaudit.engine.SnapshotScheduler;
import dev.memoryaudit.lag.LagMonitor;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

/**
 * Timer {@code memory.audit.lag} fed by the lag monitor, with a percentile histogram so Prometheus gets
 * {@code memory_audit_lag_seconds_bucket}, and gauge {@code memory.audit.snapshot.start.lag} for how late the last
 * snapshot tick started.
 */
public final class LagMetrics implements MeterBinder {

	private final @Nullable LagMonitor monitor;

	private final @Nullable SnapshotScheduler scheduler;

	/**
	 * Creates the binder.
	 * @param monitor the lag monitor, or {@code null} when disabled
	 * @param scheduler the snapshot scheduler, or {@code null}
	 */
	public LagMetrics(@Nullable LagMonitor monitor, @Nullable SnapshotScheduler scheduler) {
		this.monitor = monitor;
		this.scheduler = scheduler;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		LagMonitor lag = this.monitor;
		if (lag != null) {
			Timer timer = Timer.builder("memory.audit.lag")
				.description("How much later than planned the memory-audit-lag thread woke from a sleep of "
						+ lag.resolution().toMillis() + " ms: JVM pauses and CPU starvation")
				.publishPercentileHistogram()
				.minimumExpectedValue(Duration.ofMillis(1))
				.maximumExpectedValue(Duration.ofSeconds(10))
				.register(registry);
			lag.addListener((nanos) -> timer.record(nanos, TimeUnit.NANOSECONDS));
		}
		SnapshotScheduler snapshots = this.scheduler;
		if (snapshots != null) {
			Gauge.builder("memory.audit.snapshot.start.lag", snapshots, (s) -> s.lastStartLagMillis() / 1000.0)
				.baseUnit("seconds")
				.description("How late the most recent scheduled memory-audit snapshot started")
				.register(registry);
		}
	}

}
