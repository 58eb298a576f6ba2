package dev.memoryaudit.test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.memoryaudit.actuate.HeapDiffEndpoint;
import dev.memoryaudit.actuate.MemorySnapshotsEndpoint;
import dev.memoryaudit.actuate.MemoryTrendEndpoint;
import dev.memoryaudit.actuate.ReportFormat;
import dev.memoryaudit.engine.ConfirmationMode;
import dev.memoryaudit.engine.EngineSettings;
import dev.memoryaudit.engine.ExplicitGc;
import dev.memoryaudit.engine.MemoryAuditEngine;
import dev.memoryaudit.histogram.HistogramCapturer;
import dev.memoryaudit.snapshot.GcMonitor;
import dev.memoryaudit.snapshot.PlatformProcessProbe;
import dev.memoryaudit.snapshot.SnapshotCapturer;
import dev.memoryaudit.trend.SeriesDefinition;
import dev.memoryaudit.trend.TrendThresholds;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Our own code under the harness: the snapshot engine, the trend and histogram auditors behind it, and the endpoints
 * rendering their reports must not grow the live set once their bounded histories are full.
 */
class MemoryAuditEngineLeakTests {

	private static final int SNAPSHOT_HISTORY = 32;

	private static final int HISTOGRAM_HISTORY = 4;

	/** A small but real histogram text, so every tick exercises histogram parsing, history and leak suspects. */
	private static final String HISTOGRAM = """
			 num     #instances         #bytes  class name (module)
			-------------------------------------------------------
			   1:          1200         960000  [B (java.base@17.0.15)
			   2:          1000          24000  java.lang.String (java.base@17.0.15)
			   3:           500          16000  java.util.HashMap$Node (java.base@17.0.15)
			Total          2700        1000000
			""";

	private GcMonitor gcMonitor;

	private MemoryAuditEngine engine;

	@BeforeEach
	void createEngine() {
		this.gcMonitor = GcMonitor.forPlatform();
		this.gcMonitor.start();
		EngineSettings settings = new EngineSettings(SNAPSHOT_HISTORY, HISTOGRAM_HISTORY, Duration.ofNanos(1),
				Duration.ZERO, 50, 3, TrendThresholds.defaults(), SeriesDefinition.standard(), ConfirmationMode.NONE,
				40, Duration.ofHours(1));
		HistogramCapturer histograms = new HistogramCapturer((live, threads) -> HISTOGRAM, 50, 1, Clock.systemUTC());
		SnapshotCapturer capturer = new SnapshotCapturer(this.gcMonitor, new PlatformProcessProbe(), List.of(),
				Clock.systemUTC());
		this.engine = new MemoryAuditEngine(settings, capturer, histograms, this.gcMonitor, new ExplicitGc(), List.of(),
				List.of(), Clock.systemUTC());
	}

	@AfterEach
	void closeEngine() {
		this.engine.close();
	}

	@Test
	void snapshotCaptureDoesNotLeak() {
		SnapshotCapturer capturer = new SnapshotCapturer(this.gcMonitor, new PlatformProcessProbe(), List.of(),
				Clock.systemUTC());
		LeakReport report = LeakCheck.iterations(5_000).warmup(500).assertNoLeak(() -> capturer.capture(1, null));
		assertThat(report.leakSuspected()).isFalse();
	}

	@Test
	void engineTicksDoNotLeakOnceHistoriesAreFull() {
		// warm-up fills the snapshot and histogram rings, so the measured rounds see their steady state
		LeakReport report = LeakCheck.iterations(2_000).warmup(SNAPSHOT_HISTORY * 4).assertNoLeak(() -> {
			this.engine.tick(0L);
			this.engine.trend();
		});
		assertThat(this.engine.snapshots()).hasSize(SNAPSHOT_HISTORY);
		assertThat(this.engine.histograms()).hasSize(HISTOGRAM_HISTORY);
		assertThat(report.leakSuspected()).isFalse();
	}

	@Test
	void endpointsDoNotLeak() {
		MemoryTrendEndpoint trend = new MemoryTrendEndpoint(this.engine);
		HeapDiffEndpoint diff = new HeapDiffEndpoint(this.engine);
		MemorySnapshotsEndpoint snapshots = new MemorySnapshotsEndpoint(this.engine);
		this.engine.tick(0L);
		this.engine.tick(0L); // two histograms, so that heapdiff has something to diff from the first iteration
		LeakReport report = LeakCheck.iterations(1_000).warmup(SNAPSHOT_HISTORY * 4).assertNoLeak(() -> {
			this.engine.tick(0L);
			assertThat(trend.trend(ReportFormat.MARKDOWN).getStatus()).isEqualTo(200);
			assertThat(trend.trend(ReportFormat.JSON).getStatus()).isEqualTo(200);
			assertThat(diff.diff(null, null, "20", ReportFormat.MARKDOWN).getStatus()).isEqualTo(200);
			assertThat(diff.diff("x", null, null, ReportFormat.JSON).getStatus()).isEqualTo(400);
			snapshots.snapshots();
		});
		assertThat(report.leakSuspected()).isFalse();
	}

	@Test
	void engineThreadsAndDescriptorsAreReleasedOnClose() {
		LeakAssertions.assertNoThreadsLeft(() -> {
			try (GcMonitor monitor = GcMonitor.forPlatform()) {
				monitor.start();
				new SnapshotCapturer(monitor, new PlatformProcessProbe(), List.of(), Clock.systemUTC()).capture(1, null);
			}
		});
		LeakAssertions.assertNoFileDescriptorsLeft(() -> new PlatformProcessProbe().openFileDescriptors());
	}

}
