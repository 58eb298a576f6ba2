package dev.memoryaudit.autoconfigure;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import dev.memoryaudit.engine.EngineSettings;
import dev.memoryaudit.engine.ExplicitGc;
import dev.memoryaudit.engine.MemoryAuditEngine;
import dev.memoryaudit.engine.SnapshotScheduler;
import dev.memoryaudit.fd.FdTypeSampler;
import dev.memoryaudit.histogram.DiagnosticCommandHistogramSource;
import dev.memoryaudit.histogram.HistogramCapturer;
import dev.memoryaudit.marking.GcLogMarkingSource;
import dev.memoryaudit.snapshot.GcMonitor;
import dev.memoryaudit.snapshot.LiveSetSource;
import dev.memoryaudit.snapshot.PlatformProcessProbe;
import dev.memoryaudit.snapshot.ProcessProbe;
import dev.memoryaudit.snapshot.SeriesContributor;
import dev.memoryaudit.snapshot.SnapshotCapturer;
import dev.memoryaudit.store.SnapshotStore;
import dev.memoryaudit.trend.ReportSectionContributor;
import dev.memoryaudit.trend.SeriesDefinition;
import dev.memoryaudit.trend.TrendThresholds;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ImportRuntimeHints;

/**
 * Auto-configuration of the memory-audit engine: GC monitor, snapshot and histogram capture, and the scheduled
 * snapshot task on a daemon thread named {@code memory-audit-snapshot}.
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = "memory.audit.enabled", matchIfMissing = true)
@EnableConfigurationProperties(MemoryAuditProperties.class)
@ImportRuntimeHints(MemoryAuditRuntimeHints.class)
public final class MemoryAuditAutoConfiguration {

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	GcMonitor memoryAuditGcMonitor() {
		GcMonitor monitor = GcMonitor.forPlatform();
		monitor.start();
		return monitor;
	}

	@Bean
	@ConditionalOnMissingBean
	ProcessProbe memoryAuditProcessProbe() {
		return new PlatformProcessProbe();
	}

	@Bean
	@ConditionalOnMissingBean
	HistogramCapturer memoryAuditHistogramCapturer(MemoryAuditProperties properties) {
		MemoryAuditProperties.Histogram histogram = properties.getHistogram();
		int threads = (histogram.getParallelThreads() > 0) ? histogram.getParallelThreads()
				: HistogramCapturer.defaultParallelThreads();
		return new HistogramCapturer(new DiagnosticCommandHistogramSource(), histogram.getTopClasses(), threads,
				Clock.systemUTC());
	}

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = "memory.audit.marking.enabled", matchIfMissing = true)
	GcLogMarkingSource memoryAuditMarkingSource(MemoryAuditProperties properties) {
		return GcLogMarkingSource.start(properties.getMarking().getDirectory());
	}

	@Bean
	@ConditionalOnMissingBean
	SnapshotCapturer memoryAuditSnapshotCapturer(GcMonitor gcMonitor, ProcessProbe processProbe,
			ObjectProvider<SeriesContributor> contributors, ObjectProvider<LiveSetSource> liveSetSources) {
		return new SnapshotCapturer(gcMonitor, processProbe, contributors.orderedStream().toList(),
				liveSetSources.orderedStream().toList(), Clock.systemUTC());
	}

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	MemoryAuditEngine memoryAuditEngine(MemoryAuditProperties properties, SnapshotCapturer snapshotCapturer,
			HistogramCapturer histogramCapturer, GcMonitor gcMonitor, ProcessProbe processProbe,
			ObjectProvider<SeriesDefinition> extraSeries, ObjectProvider<ReportSectionContributor> sections,
			ObjectProvider<FdTypeSampler> fdTypeSampler) {
		List<SeriesDefinition> series = new ArrayList<>(SeriesDefinition.standard());
		extraSeries.orderedStream().forEach(series::add);
		List<String> notes = new ArrayList<>();
		String probeNote = processProbe.unavailableReason();
		if (probeNote != null) {
			notes.add(probeNote);
		}
		FdTypeSampler sampler = fdTypeSampler.getIfAvailable();
		String fdNote = (sampler != null) ? sampler.reader().unavailableReason() : null;
		if (fdNote != null) {
			notes.add(fdNote);
		}
		return new MemoryAuditEngine(engineSettings(properties, series), snapshotCapturer, histogramCapturer,
				gcMonitor, new ExplicitGc(), notes, sections.orderedStream().toList(), Clock.systemUTC());
	}

	@Bean(initMethod = "start", destroyMethod = "close")
	@ConditionalOnMissingBean
	SnapshotScheduler memoryAuditSnapshotScheduler(MemoryAuditEngine engine, MemoryAuditProperties properties,
			ObjectProvider<SnapshotStore> store) {
		// persisted history is restored before the first scheduled snapshot
		store.ifAvailable((s) -> MemoryAuditStoreAutoConfiguration.attach(s, engine));
		return new SnapshotScheduler(engine, properties.getSnapshot().getInitialDelay(),
				properties.getSnapshot().getInterval());
	}

	static EngineSettings engineSettings(MemoryAuditProperties properties, List<SeriesDefinition> series) {
		MemoryAuditProperties.Trend trend = properties.getTrend();
		TrendThresholds thresholds = new TrendThresholds(trend.getWarmup(), trend.getWindow(), trend.getMinPoints(),
				trend.getSignificance(), trend.getMinGrowthRate(), trend.getNoiseFactor(), trend.getSaturationRatio(),
				trend.getRecentFraction(), trend.getMinReclaimedPoints(), trend.getReclaimedSignificance(),
				trend.getLeakWarmup());
		MemoryAuditProperties.Histogram histogram = properties.getHistogram();
		MemoryAuditProperties.Confirmation confirmation = properties.getConfirmation();
		return new EngineSettings(properties.getSnapshot().getHistorySize(), histogram.getHistorySize(),
				histogram.getInterval(), histogram.getMinInterval(), histogram.getTopClasses(),
				histogram.getEscalation(), thresholds, series, confirmation.getMode(), confirmation.getAfter(),
				confirmation.effectiveMinInterval(properties.getSnapshot().getInterval()), confirmation.getMaxPause(),
				confirmation.getPauseBudget());
	}

}
