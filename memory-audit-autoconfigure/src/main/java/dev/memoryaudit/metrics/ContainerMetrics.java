package dev.memoryaudit.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

import dev.memoryaudit.container.ContainerAssessment;
import dev.memoryaudit.container.ContainerBreakdown;
import dev.memoryaudit.container.ContainerMemory;
import dev.memoryaudit.container.ContainerReport;
import dev.memoryaudit.engine.MemoryAuditEngine;
import org.jspecify.annotations.Nullable;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Container memory as meters, read from the container section's assessment of the last tick:
 * {@code memory.audit.container.limit}, {@code .usage}, {@code .working.set}, {@code .page.cache}, {@code .swap}
 * (bytes; NaN where unavailable, the limit NaN without one), {@code memory.audit.container.exhaustion} (seconds until
 * the working set reaches the limit; NaN while it does not grow towards one), the counters
 * {@code memory.audit.container.oom.kills} and {@code memory.audit.container.limit.hits} (the kernel's counts for the
 * cgroup), and {@code memory.audit.container.breakdown} tagged {@code part} (the parts the usage is made of, refreshed
 * every tick; at most one series per part: the fixed MXBean parts, or NMT's categories).
 */
public final class ContainerMetrics implements MeterBinder {

	private final ContainerReport report;

	private final MemoryAuditEngine engine;

	/**
	 * Creates the binder.
	 * @param report the container section
	 * @param engine the engine, whose ticks refresh the breakdown
	 */
	public ContainerMetrics(ContainerReport report, MemoryAuditEngine engine) {
		this.report = report;
		this.engine = engine;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		gauge(registry, "memory.audit.container.limit", "Effective memory limit of the container (cgroup); NaN without "
				+ "one", (f) -> f.limited() ? f.limitBytes() : null);
		gauge(registry, "memory.audit.container.usage", "Memory charged to the container's cgroup: anonymous memory, "
				+ "page cache and kernel memory", ContainerMemory::usageBytes);
		gauge(registry, "memory.audit.container.working.set", "Container usage minus inactive page cache, what the "
				+ "kernel cannot reclaim before it kills", ContainerMemory::workingSetBytes);
		gauge(registry, "memory.audit.container.page.cache", "File-backed memory charged to the container (page "
				+ "cache, mapped files)", ContainerMemory::pageCacheBytes);
		gauge(registry, "memory.audit.container.swap", "Swap used by the container's cgroup; NaN where swap is not "
				+ "accounted", ContainerMemory::swapBytes);
		Gauge.builder("memory.audit.container.exhaustion", this.report, ContainerMetrics::exhaustion)
			.baseUnit("seconds")
			.description("Seconds until the container's working set reaches its memory limit at the current growth; "
					+ "NaN while it does not grow towards a limit")
			.register(registry);
		counter(registry, "memory.audit.container.oom.kills", "Processes the kernel's OOM killer killed in the "
				+ "container's cgroup (the kernel's count)", ContainerMemory::oomKills);
		counter(registry, "memory.audit.container.limit.hits", "Times the container's memory usage hit its limit (the "
				+ "kernel's count: v1 failcnt, v2 memory.events max)", ContainerMemory::limitHits);
		MultiGauge breakdown = MultiGauge.builder("memory.audit.container.breakdown")
			.baseUnit(BaseUnits.BYTES)
			.description("The container usage by part: heap, metaspace, code cache, direct buffers (or NMT "
					+ "categories), page cache and the unexplained rest; the parts add up to the usage")
			.register(registry);
		this.engine.addTickListener((trend) -> refresh(breakdown));
		refresh(breakdown);
	}

	private void refresh(MultiGauge gauge) {
		ContainerBreakdown breakdown = this.report.latest().breakdown();
		if (breakdown == null) {
			return;
		}
		List<MultiGauge.Row<?>> rows = new ArrayList<>();
		for (ContainerBreakdown.Part part : breakdown.parts()) {
			rows.add(MultiGauge.Row.of(Tags.of("part", part.name()), part.bytes()));
		}
		gauge.register(rows, true);
	}

	private void gauge(MeterRegistry registry, String name, String description,
			java.util.function.Function<ContainerMemory, @Nullable Long> figure) {
		Gauge.builder(name, this.report, figureOf(figure))
			.baseUnit(BaseUnits.BYTES)
			.description(description)
			.register(registry);
	}

	private void counter(MeterRegistry registry, String name, String description,
			java.util.function.Function<ContainerMemory, @Nullable Long> figure) {
		FunctionCounter.builder(name, this.report, figureOf(figure)).description(description).register(registry);
	}

	private static ToDoubleFunction<ContainerReport> figureOf(
			java.util.function.Function<ContainerMemory, @Nullable Long> figure) {
		return (report) -> {
			ContainerMemory figures = report.latest().figures();
			Long value = (figures != null) ? figure.apply(figures) : null;
			return (value != null) ? value : Double.NaN;
		};
	}

	static double exhaustion(ContainerReport report) {
		ContainerAssessment assessment = report.latest();
		Long seconds = assessment.exhaustionSeconds();
		return (seconds != null) ? seconds : Double.NaN;
	}

}
