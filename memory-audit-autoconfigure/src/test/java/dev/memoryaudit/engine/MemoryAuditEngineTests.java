package dev.memoryaudit.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.memoryaudit.histogram.DiagnosticCommandHistogramSource;
import dev.memoryaudit.report.HeapDiffReport;
import dev.memoryaudit.histogram.HistogramCapturer;
import dev.memoryaudit.histogram.HistogramUnavailableException;
import dev.memoryaudit.snapshot.GcMonitor;
import dev.memoryaudit.snapshot.PlatformProcessProbe;
import dev.memoryaudit.snapshot.Snapshot;
import dev.memoryaudit.snapshot.SnapshotCapturer;
import dev.memoryaudit.testsupport.MutableClock;
import dev.memoryaudit.trend.TrendReport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link MemoryAuditEngine} on this JVM's real MXBeans, GC notifications and class histograms.
 */
class MemoryAuditEngineTests {

	private final List<MemoryAuditEngine> engines = new ArrayList<>();

	private final MutableClock clock = new MutableClock();

	@AfterEach
	void close() {
		this.engines.forEach(MemoryAuditEngine::close);
	}

	private MemoryAuditEngine engine(EngineSettings settings, HistogramCapturer histograms) {
		GcMonitor monitor = GcMonitor.forPlatform();
		monitor.start();
		SnapshotCapturer capturer = new SnapshotCapturer(monitor, new PlatformProcessProbe(), List.of(() -> java.util.Map.of("extra.answer", 42L)),
				this.clock);
		MemoryAuditEngine engine = new MemoryAuditEngine(settings, capturer, histograms, monitor, new ExplicitGc(),
				List.of(), List.of(), this.clock);
		this.engines.add(engine);
		return engine;
	}

	private MemoryAuditEngine engine() {
		return engine(EngineSettings.defaults(), new HistogramCapturer(new DiagnosticCommandHistogramSource(), 50, 1,
				this.clock));
	}

	@Test
	void tickCapturesRealFiguresAndABaselineHistogram() {
		MemoryAuditEngine engine = engine();
		Snapshot snapshot = engine.tick(3L);
		assertThat(snapshot.id()).isEqualTo(1);
		assertThat(snapshot.heap().used()).isPositive();
		assertThat(snapshot.pools()).anyMatch((pool) -> pool.heap() && pool.longLived());
		assertThat(snapshot.threads().live()).isPositive();
		assertThat(snapshot.loadedClasses()).isPositive();
		assertThat(snapshot.collectors()).isNotEmpty();
		assertThat(snapshot.extraSeries()).containsEntry("extra.answer", 42L);
		assertThat(snapshot.startLagMillis()).isEqualTo(3L);
		assertThat(engine.histograms()).singleElement().satisfies((record) -> {
			assertThat(record.trigger()).isEqualTo("baseline");
			assertThat(record.snapshotId()).isEqualTo(1);
			assertThat(record.histogram().entries()).hasSize(50);
			assertThat(record.histogram().live()).isFalse();
		});
	}

	@Test
	void fullCollectionBetweenTicksGivesALiveSetAndAReclaimedFloor() throws InterruptedException {
		MemoryAuditEngine engine = engine();
		engine.tick(null);
		System.gc();
		// GC notifications arrive asynchronously: tick until the collection has been seen.
		for (int i = 0; i < 50 && engine.snapshots().stream().noneMatch((s) -> s.gc().reclaimedFloor() != null); i++) {
			Thread.sleep(20);
			engine.tick(null);
		}
		assertThat(engine.snapshots()).anyMatch((s) -> s.gc().reclaimedFloor() != null);
		assertThat(engine.snapshots()).anyMatch((s) -> "gc-notification".equals(s.liveSetSource()));
	}

	@Test
	void idsAreMonotonicAndHistoryIsBounded() {
		EngineSettings defaults = EngineSettings.defaults();
		MemoryAuditEngine engine = engine(new EngineSettings(5, 2, Duration.ZERO, Duration.ZERO, 10, 0,
				defaults.thresholds(), defaults.series(), ConfirmationMode.NONE, 1, Duration.ZERO),
				new HistogramCapturer(new DiagnosticCommandHistogramSource(), 10, 1, this.clock));
		for (int i = 0; i < 12; i++) {
			engine.tick(null);
		}
		assertThat(engine.snapshots()).extracting(Snapshot::id).containsExactly(8L, 9L, 10L, 11L, 12L);
		assertThat(engine.histograms()).isEmpty();
	}

	@Test
	void onDemandCaptureIsRefusedInsideTheMinimumInterval() {
		MemoryAuditEngine engine = engine();
		OnDemandCapture first = engine.captureOnDemand();
		assertThat(first.refused()).isFalse();
		assertThat(first.histogram()).isNotNull();
		assertThat(first.histogram().trigger()).isEqualTo("on-demand");
		this.clock.advance(Duration.ofMinutes(2));
		OnDemandCapture second = engine.captureOnDemand();
		assertThat(second.refused()).isTrue();
		assertThat(second.retryAfter()).isEqualTo(Duration.ofMinutes(3));
		assertThat(second.message()).contains("memory.audit.histogram.min-interval");
		this.clock.advance(Duration.ofMinutes(3));
		assertThat(engine.captureOnDemand().refused()).isFalse();
	}

	@Test
	void scheduledHistogramsFollowTheInterval() {
		MemoryAuditEngine engine = engine();
		engine.tick(null);
		this.clock.advance(Duration.ofMinutes(30));
		engine.tick(null);
		assertThat(engine.histograms()).hasSize(1);
		this.clock.advance(Duration.ofMinutes(31));
		engine.tick(null);
		assertThat(engine.histograms()).extracting(HistogramRecord::trigger).containsExactly("baseline", "scheduled");
	}

	@Test
	void histogramUnavailableIsReportedAndSnapshotsGoOn() {
		HistogramCapturer broken = new HistogramCapturer((live, threads) -> {
			throw new HistogramUnavailableException("DiagnosticCommand MBean not present on this JVM (test)");
		}, 10, 1, this.clock);
		MemoryAuditEngine engine = engine(EngineSettings.defaults(), broken);
		engine.tick(null);
		this.clock.advance(Duration.ofMinutes(6));
		OnDemandCapture capture = engine.captureOnDemand();
		assertThat(capture.snapshot()).isNotNull();
		assertThat(capture.histogram()).isNull();
		assertThat(capture.message()).contains("histogram unavailable");
		assertThat(engine.snapshots()).hasSize(2);
		TrendReport report = engine.trend();
		assertThat(report.notes()).anyMatch((note) -> note.startsWith("histogram unavailable"));
		assertThatExceptionOfType(HistoryLookupException.class).isThrownBy(() -> HeapDiffReport.of(engine, null, null, 10))
			.withMessageContaining("histogram unavailable");
	}

	@Test
	void diffOfUnknownSnapshotNamesTheValidIds() {
		MemoryAuditEngine engine = engine();
		engine.tick(null);
		this.clock.advance(Duration.ofMinutes(10));
		engine.captureOnDemand();
		assertThat(HeapDiffReport.of(engine, null, null, 5).diff().deltas()).hasSizeLessThanOrEqualTo(5);
		assertThatExceptionOfType(HistoryLookupException.class).isThrownBy(() -> HeapDiffReport.of(engine, 99L, null, 5))
			.withMessageContaining("no histogram for snapshot 99")
			.satisfies((ex) -> assertThat(ex.allowed()).isEqualTo("snapshot ids with a histogram: 1, 2"));
		assertThatExceptionOfType(HistoryLookupException.class).isThrownBy(() -> engine.requireSnapshot(7))
			.satisfies((ex) -> assertThat(ex.allowed()).isEqualTo("snapshot ids 1 to 2"));
	}

}
