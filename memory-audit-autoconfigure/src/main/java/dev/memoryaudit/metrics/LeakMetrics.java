package dev.memoryaudit.metrics;

import java.util.List;

import dev.memoryaudit.engine.MemoryAuditEngine;
import dev.memoryaudit.snapshot.Snapshot;
import dev.memoryaudit.trend.SeriesAssessment;
import dev.memoryaudit.trend.SeriesDefinition;
import dev.memoryaudit.trend.TrendReport;
import dev.memoryaudit.trend.Verdict;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Gauges for alerting read from the engine's cached trend report: {@code memory.audit.live},
 * {@code memory.audit.live.growth}, {@code memory.audit.leak.suspected} and {@code memory.audit.heap.exhaustion}
 * ({@code NaN} while the live set is not growing towards a heap maximum).
 */
public final class LeakMetrics implements MeterBinder {

	private final MemoryAuditEngine engine;

	/**
	 * Creates the binder.
	 * @param engine the engine
	 */
	public LeakMetrics(MemoryAuditEngine engine) {
		this.engine = engine;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder("memory.audit.live", this.engine, LeakMetrics::liveBytes)
			.baseUnit(BaseUnits.BYTES)
			.description("Live-set estimate: the lowest old-generation usage after GC at the newest snapshot that saw "
					+ "a collection")
			.register(registry);
		Gauge.builder("memory.audit.live.growth", this.engine, LeakMetrics::growth)
			.baseUnit("bytes.per.second")
			.description("Growth of the live set, Theil-Sen slope over the trend window")
			.register(registry);
		Gauge.builder("memory.audit.leak.suspected", this.engine, LeakMetrics::leakSuspected)
			.description("1 when the overall trend verdict is LEAK_SUSPECTED, else 0")
			.register(registry);
		Gauge.builder("memory.audit.live.exact", this.engine, LeakMetrics::exactBytes)
			.baseUnit(BaseUnits.BYTES)
			.description("The latest exact measurement of the live set: a G1, ZGC or Shenandoah marking, a full "
					+ "collection or a live histogram; NaN until one")
			.register(registry);
		FunctionCounter
			.builder("memory.audit.marking.log.pauses", this.engine, (e) -> e.estimatedSourcePauseMillis() / 1000.0)
			.baseUnit("seconds")
			.description("Estimated time the marking log added inside the collector's own pauses (G1 writes its "
					+ "liveness lines at remark and cleanup, about 3.5 us a line)")
			.register(registry);
		Gauge.builder("memory.audit.pause.budget.usage", this.engine, LeakMetrics::budgetUsage)
			.baseUnit("ratio")
			.description("Our pauses in the trailing hour as a fraction of what memory.audit.confirmation.pause-budget "
					+ "allows (0..1; above 1 only when histograms alone exceed it)")
			.register(registry);
		Gauge.builder("memory.audit.heap.exhaustion", this.engine, LeakMetrics::exhaustion)
			.baseUnit("seconds")
			.description("Seconds until the live set reaches the heap maximum at the current slope; NaN when not "
					+ "growing")
			.register(registry);
	}

	static double liveBytes(MemoryAuditEngine engine) {
		List<Snapshot> snapshots = engine.snapshots();
		for (int i = snapshots.size() - 1; i >= 0; i--) {
			Long live = snapshots.get(i).liveSetBytes();
			if (live != null) {
				return live;
			}
		}
		return Double.NaN;
	}

	static double exactBytes(MemoryAuditEngine engine) {
		List<dev.memoryaudit.trend.ReclaimedPoint> exact = engine.trend().liveSet().exactPoints();
		return exact.isEmpty() ? Double.NaN : exact.get(exact.size() - 1).bytes();
	}

	static double budgetUsage(MemoryAuditEngine engine) {
		return engine.pauseBudgetUsage();
	}

	static double growth(MemoryAuditEngine engine) {
		SeriesAssessment liveSet = engine.trend().series(SeriesDefinition.LIVE_SET);
		Double slope = (liveSet != null) ? liveSet.slopePerHour() : null;
		return (slope != null) ? slope / 3600 : Double.NaN;
	}

	static double leakSuspected(MemoryAuditEngine engine) {
		return (engine.trend().verdict() == Verdict.LEAK_SUSPECTED) ? 1 : 0;
	}

	static double exhaustion(MemoryAuditEngine engine) {
		TrendReport report = engine.trend();
		SeriesAssessment liveSet = report.series(SeriesDefinition.LIVE_SET);
		if (liveSet == null || liveSet.exhaustionSeconds() == null || liveSet.slopePerHour() == null
				|| liveSet.slopePerHour() <= 0) {
			return Double.NaN;
		}
		return liveSet.exhaustionSeconds();
	}

}
