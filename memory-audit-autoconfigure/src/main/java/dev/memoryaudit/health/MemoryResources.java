package dev.memoryaudit.health;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.memoryaudit.container.ContainerAssessment;
import dev.memoryaudit.container.ContainerMemory;
import dev.memoryaudit.container.ContainerReport;
import dev.memoryaudit.engine.MemoryAuditEngine;
import dev.memoryaudit.fd.FdCensus;
import dev.memoryaudit.fd.FdType;
import dev.memoryaudit.fd.FdTypeSampler;
import dev.memoryaudit.lag.LagMonitor;
import dev.memoryaudit.lag.LagSummary;
import dev.memoryaudit.nativememory.NativeMemory;
import dev.memoryaudit.snapshot.ProcessProbe;
import dev.memoryaudit.snapshot.Snapshot;
import dev.memoryaudit.trend.TrendReport;
import dev.memoryaudit.trend.Units;
import org.jspecify.annotations.Nullable;

/**
 * Gathers the resource figures the {@code memory} health contributor shows (live set, file descriptors, lag, threads,
 * native memory, trend verdict) and decides whether a threshold is crossed. Spring-free.
 */
public final class MemoryResources {

	private final MemoryAuditEngine engine;

	private final ProcessProbe probe;

	private final @Nullable FdTypeSampler fdSampler;

	private final @Nullable LagMonitor lagMonitor;

	private final NativeMemory nativeMemory;

	private final double fdUsageThreshold;

	private final double liveSetThreshold;

	private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

	private @Nullable ContainerReport container;

	private ContainerThresholds containerThresholds = ContainerThresholds.DEFAULTS;

	/**
	 * Creates the summary.
	 * @param engine the engine (live set and verdict)
	 * @param probe the process probe (open and maximum descriptors)
	 * @param fdSampler descriptors by type, or {@code null}
	 * @param lagMonitor the lag monitor, or {@code null}
	 * @param nativeMemory RSS and unaccounted native memory
	 * @param fdUsageThreshold descriptor usage (open / max) at or above which the status is down
	 * @param liveSetThreshold live set as a fraction of heap max at or above which the status is down
	 */
	public MemoryResources(MemoryAuditEngine engine, ProcessProbe probe, @Nullable FdTypeSampler fdSampler,
			@Nullable LagMonitor lagMonitor, NativeMemory nativeMemory, double fdUsageThreshold,
			double liveSetThreshold) {
		this.engine = engine;
		this.probe = probe;
		this.fdSampler = fdSampler;
		this.lagMonitor = lagMonitor;
		this.nativeMemory = nativeMemory;
		this.fdUsageThreshold = fdUsageThreshold;
		this.liveSetThreshold = liveSetThreshold;
	}

	/**
	 * Adds the container's memory: DOWN when its working set reaches {@code down} of the limit, WARNING at
	 * {@code warning} of it or when it reaches the limit within {@code eta} at its current growth.
	 * @param report the container section
	 * @param thresholds the thresholds
	 * @return this
	 */
	public MemoryResources withContainer(ContainerReport report, ContainerThresholds thresholds) {
		this.container = report;
		this.containerThresholds = thresholds;
		return this;
	}

	/**
	 * Thresholds on container memory.
	 *
	 * @param down working set as a fraction of the limit at or above which the status is down
	 * @param warning working set as a fraction of the limit at or above which the status is a warning
	 * @param eta a time to the limit within which the status is a warning
	 */
	public record ContainerThresholds(double down, double warning, Duration eta) {

		/** 95 %, 85 %, 6 hours. */
		public static final ContainerThresholds DEFAULTS = new ContainerThresholds(0.95, 0.85, Duration.ofHours(6));

	}

	/**
	 * Reads the figures now.
	 * @return the figures and any crossed thresholds
	 */
	public Assessment assess() {
		List<String> crossed = new ArrayList<>();
		List<String> warnings = new ArrayList<>();
		Map<String, Object> resources = new LinkedHashMap<>();
		resources.put("liveSet", liveSet(crossed));
		ContainerReport containerReport = this.container;
		if (containerReport != null) {
			resources.put("container", container(containerReport.latest(), crossed, warnings));
		}
		resources.put("fileDescriptors", fileDescriptors(crossed));
		LagMonitor lag = this.lagMonitor;
		if (lag != null) {
			LagSummary summary = lag.summary();
			Map<String, Object> figures = new LinkedHashMap<>();
			figures.put("window", summary.window().toString());
			figures.put("samples", summary.samples());
			figures.put("p99Millis", round(summary.p99Millis()));
			figures.put("maxMillis", round(summary.maxMillis()));
			resources.put("lag", figures);
		}
		resources.put("threads", Map.of("live", this.threads.getThreadCount(), "daemon",
				this.threads.getDaemonThreadCount(), "peak", this.threads.getPeakThreadCount()));
		NativeMemory.Figures nativeFigures = this.nativeMemory.figures();
		if (nativeFigures != null) {
			resources.put("native", Map.of("rssBytes", nativeFigures.rssBytes(), "unaccountedBytes",
					nativeFigures.unaccountedBytes(), "basis", nativeFigures.basis()));
		}
		TrendReport report = this.engine.trend();
		resources.put("trend", Map.of("verdict", report.verdict().name(), "summary", report.summary()));
		return new Assessment(!crossed.isEmpty(), crossed, warnings, resources);
	}

	private Map<String, Object> container(ContainerAssessment assessment, List<String> crossed,
			List<String> warnings) {
		Map<String, Object> figures = new LinkedHashMap<>();
		ContainerMemory memory = assessment.figures();
		if (memory == null) {
			figures.put("unavailable", assessment.summary());
			return figures;
		}
		figures.put("limited", memory.limited());
		figures.put("limitBytes", memory.limitBytes());
		figures.put("workingSetBytes", memory.workingSetBytes());
		figures.put("usageBytes", memory.usageBytes());
		Double ratio = memory.workingSetRatio();
		if (ratio != null) {
			figures.put("ratio", round(ratio));
		}
		Long eta = assessment.exhaustionSeconds();
		figures.put("exhaustionSeconds", eta);
		figures.put("summary", assessment.summary());
		ContainerThresholds thresholds = this.containerThresholds;
		if (ratio != null && ratio >= thresholds.down()) {
			crossed.add("container working set at " + percent(ratio) + " of its limit (threshold "
					+ percent(thresholds.down()) + ", memory.audit.health.container-threshold)");
		}
		else if (ratio != null && ratio >= thresholds.warning()) {
			warnings.add("container working set at " + percent(ratio) + " of its limit (warning at "
					+ percent(thresholds.warning()) + ", memory.audit.health.container-warning-threshold)");
		}
		Long headroom = assessment.headroomBytes();
		figures.put("headroomBytes", headroom);
		if (headroom != null && headroom < 0) {
			warnings.add("the heap cannot reach its maximum within the container limit: " + assessment.summary());
		}
		if (eta != null && eta <= thresholds.eta().toSeconds()) {
			warnings.add("container memory reaches its limit in about " + Units.duration(Duration.ofSeconds(eta))
					+ " at its current growth (warning within " + Units.duration(thresholds.eta())
					+ ", memory.audit.health.container-eta-warning): " + assessment.summary());
		}
		return figures;
	}

	private Map<String, Object> liveSet(List<String> crossed) {
		Map<String, Object> figures = new LinkedHashMap<>();
		Long live = null;
		long max = -1;
		List<Snapshot> snapshots = this.engine.snapshots();
		for (int i = snapshots.size() - 1; i >= 0 && live == null; i--) {
			live = snapshots.get(i).liveSetBytes();
			max = snapshots.get(i).heap().max();
		}
		figures.put("bytes", live);
		figures.put("maxBytes", (max > 0) ? max : null);
		if (live != null && max > 0) {
			double ratio = (double) live / max;
			figures.put("ratio", round(ratio));
			if (ratio >= this.liveSetThreshold) {
				crossed.add("live set at " + percent(ratio) + " of heap max (threshold " + percent(this.liveSetThreshold)
						+ ", memory.audit.health.live-set-threshold)");
			}
		}
		return figures;
	}

	private Map<String, Object> fileDescriptors(List<String> crossed) {
		Map<String, Object> figures = new LinkedHashMap<>();
		Long open = this.probe.openFileDescriptors();
		Long max = this.probe.maxFileDescriptors();
		figures.put("open", open);
		figures.put("max", max);
		if (open != null && max != null && max > 0) {
			double usage = (double) open / max;
			figures.put("usage", round(usage));
			if (usage >= this.fdUsageThreshold) {
				crossed.add("file descriptors at " + percent(usage) + " of max (threshold "
						+ percent(this.fdUsageThreshold) + ", memory.audit.health.fd-usage-threshold)");
			}
		}
		FdTypeSampler sampler = this.fdSampler;
		FdCensus census = (sampler != null) ? sampler.latest() : null;
		if (census != null) {
			Map<String, Long> byType = new LinkedHashMap<>();
			for (FdType type : FdType.values()) {
				byType.put(type.tag(), census.count(type));
			}
			figures.put("byType", byType);
			figures.put("byTypeAt", census.time().toString());
			if (census.truncated()) {
				figures.put("byTypeTruncated", census.truncation());
			}
		}
		return figures;
	}

	private static double round(double value) {
		return Math.round(value * 1000) / 1000.0;
	}

	private static String percent(double ratio) {
		return Math.round(ratio * 1000) / 10.0 + "%";
	}

	/**
	 * The figures and the thresholds they cross.
	 *
	 * @param down whether any threshold is crossed
	 * @param crossed one sentence per crossed threshold
	 * @param warnings one sentence per warning (a resource close to its limit, or reaching it soon)
	 * @param resources the figures, for the health details
	 */
	public record Assessment(boolean down, List<String> crossed, List<String> warnings, Map<String, Object> resources) {
	}

}
