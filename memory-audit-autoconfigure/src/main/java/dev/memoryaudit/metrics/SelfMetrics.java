package dev.memoryaudit.metrics;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.memoryaudit.engine.MemoryAuditEngine;
import dev.memoryaudit.engine.PauseCause;
import dev.memoryaudit.engine.SnapshotScheduler;
import org.jspecify.annotations.Nullable;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * What the starter itself costs and whether it runs: {@code memory.audit.pause} (a timer per cause of every
 * stop-the-world pause it causes: {@code histogram}, {@code live-histogram}, {@code concurrent-cycle}, {@code heap-dump},
 * {@code retention-dump}), {@code memory.audit.tick} (how long each snapshot tick took), the counters
 * {@code memory.audit.ticks} and {@code memory.audit.tick.failures}, and the gauges {@code memory.audit.tick.age}
 * (seconds since the last successful tick) and {@code memory.audit.snapshot.interval}, which the stalled alert
 * compares.
 */
public final class SelfMetrics implements MeterBinder {

	private final MemoryAuditEngine engine;

	private final @Nullable SnapshotScheduler scheduler;

	/**
	 * Creates the binder.
	 * @param engine the engine, whose pause budget records every pause of ours
	 * @param scheduler the snapshot scheduler, {@code null} when there is none
	 */
	public SelfMetrics(MemoryAuditEngine engine, @Nullable SnapshotScheduler scheduler) {
		this.engine = engine;
		this.scheduler = scheduler;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Map<PauseCause, Timer> pauses = new EnumMap<>(PauseCause.class);
		for (PauseCause cause : PauseCause.values()) {
			pauses.put(cause, Timer.builder("memory.audit.pause")
				.tag("cause", cause.tag())
				.description("Stop-the-world pauses the starter caused, by cause, each as measured")
				.register(registry));
		}
		this.engine.pauseBudget().addListener((cause, millis) -> pauses.get(cause).record(millis, TimeUnit.MILLISECONDS));
		SnapshotScheduler ticks = this.scheduler;
		if (ticks == null) {
			return;
		}
		Timer tick = Timer.builder("memory.audit.tick")
			.description("How long a snapshot tick took: capture, trend analysis, sections, and any histogram or "
					+ "confirmation it ran")
			.register(registry);
		ticks.addTickListener((nanos) -> tick.record(nanos, TimeUnit.NANOSECONDS));
		FunctionCounter.builder("memory.audit.ticks", ticks, SnapshotScheduler::ticks)
			.description("Snapshot ticks that completed")
			.register(registry);
		FunctionCounter.builder("memory.audit.tick.failures", ticks, SnapshotScheduler::failures)
			.description("Snapshot ticks that failed (logged at most once a minute)")
			.register(registry);
		Gauge.builder("memory.audit.tick.age", ticks, SnapshotScheduler::secondsSinceLastTick)
			.baseUnit("seconds")
			.description("Seconds since the last successful snapshot tick ended (since the start before the first)")
			.register(registry);
		Gauge.builder("memory.audit.snapshot.interval", ticks, (s) -> s.interval().toNanos() / 1e9)
			.baseUnit("seconds")
			.description("The configured time between snapshot ticks (memory.audit.snapshot.interval)")
			.register(registry);
	}

}
