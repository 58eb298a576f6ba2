package dev.memoryaudit.health;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
	 * Reads the figures now.
	 * @return the figures and any crossed thresholds
	 */
	public Assessment assess() {
		List<String> crossed = new ArrayList<>();
		Map<String, Object> resources = new LinkedHashMap<>();
		resources.put("liveSet", liveSet(crossed));
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
		return new Assessment(!crossed.isEmpty(), crossed, resources);
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
	 * @param resources the figures, for the health details
	 */
	public record Assessment(boolean down, List<String> crossed, Map<String, Object> resources) {
	}

}
