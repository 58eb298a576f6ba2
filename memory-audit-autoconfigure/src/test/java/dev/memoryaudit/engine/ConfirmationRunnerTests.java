package dev.memoryaudit.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import dev.memoryaudit.histogram.ClassHistogram;
import dev.memoryaudit.snapshot.GcWindow;
import dev.memoryaudit.snapshot.LiveSetMeasurement;
import dev.memoryaudit.snapshot.Snapshot;
import dev.memoryaudit.trend.SeriesDefinition;
import dev.memoryaudit.trend.SyntheticSnapshots;
import dev.memoryaudit.trend.TrendAnalyzer;
import dev.memoryaudit.trend.TrendInput;
import dev.memoryaudit.trend.TrendReport;
import dev.memoryaudit.trend.TrendThresholds;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cheapest confirmation the mode and the JVM allow: none where the collector measured the live set recently, a
 * concurrent cycle where System.gc() is concurrent, a live histogram within the pause budget, and passive otherwise.
 */
class ConfirmationRunnerTests {

	private static final long MIB = SyntheticSnapshots.MIB;

	private static final Duration MIN_INTERVAL = Duration.ofMinutes(10);

	private final List<Snapshot> taken = new ArrayList<>();

	@Test
	void autoTakesNoPauseWhereTheCollectorMeasuredTheLiveSetRecently() {
		List<Snapshot> history = churningHistory(40 * MIB);
		// the collector marks every 8 ticks and finds the live set level; between markings the after-GC floor grows,
		// so growth is unconfirmed and a confirmation comes due, but two markings within 20 ticks answer
		for (int i = 5; i < history.size(); i += 8) {
			Snapshot s = history.get(i);
			history.set(i, withMeasurement(s, new LiveSetMeasurement(s.time().minusSeconds(1), 40 * MIB,
					LiveSetMeasurement.G1_MARKING)));
		}
		ConfirmationRunner runner = runner(ConfirmationMode.AUTO, null);
		assertThat(dueEveryTick(runner, history, 5)).isFalse();
		assertThat(this.taken).isEmpty();
		assertThat(runner.status()).startsWith("not needed: the collector measured the live set itself (g1-marking");
	}

	@Test
	void autoTakesALiveHistogramWhenItsPredictedPauseFitsTheBudget() {
		List<Snapshot> history = churningHistory(40 * MIB);
		ConfirmationRunner runner = runner(ConfirmationMode.AUTO, null);
		assertThat(dueEveryTick(runner, history)).isTrue();
		assertThat(this.taken).hasSize(1);
		assertThat(runner.confirmations()).singleElement().satisfies((c) -> {
			assertThat(c.kind()).isEqualTo("live-histogram");
			assertThat(c.liveBytes()).isEqualTo(40 * MIB);
		});
		assertThat(runner.budget().totalMillis()).isEqualTo(60);
		assertThat(runner.status()).startsWith("live histogram at").contains("paused 60 ms");
	}

	@Test
	void autoStaysPassiveAndSaysWhyWhereALiveHistogramWouldPauseTooLong() {
		// an exact point of 300 MiB a while ago: 20 + 1.5 x 300 = 470 ms predicted, above 200 ms
		List<Snapshot> history = churningHistory(300 * MIB);
		Snapshot first = history.get(0);
		history.set(0, withMeasurement(first, new LiveSetMeasurement(first.time(), 300 * MIB,
				LiveSetMeasurement.G1_MARKING)));
		ConfirmationRunner runner = runner(ConfirmationMode.AUTO, null);
		assertThat(dueEveryTick(runner, history)).isFalse();
		assertThat(this.taken).isEmpty();
		assertThat(runner.status()).startsWith("passive: a live histogram would pause about 470 ms")
			.contains("memory.audit.confirmation.max-pause");
	}

	@Test
	void autoRequestsAConcurrentCycleWhereSystemGcIsConcurrent() {
		List<Snapshot> history = churningHistory(300 * MIB);
		int[] requested = new int[1];
		ConfirmationRunner runner = runner(ConfirmationMode.AUTO, new ExplicitGc() {
			@Override
			public @Nullable String unavailableReason() {
				return null;
			}

			@Override
			public void requestConcurrentCycle() {
				requested[0]++;
			}
		});
		assertThat(dueEveryTick(runner, history)).isTrue();
		assertThat(requested[0]).isEqualTo(1);
		assertThat(this.taken).isEmpty();
		assertThat(runner.confirmations()).singleElement()
			.satisfies((c) -> assertThat(c.kind()).isEqualTo("concurrent"));
	}

	@Test
	void noneNeverConfirms() {
		ConfirmationRunner runner = runner(ConfirmationMode.NONE, null);
		assertThat(dueEveryTick(runner, churningHistory(40 * MIB))).isFalse();
		assertThat(runner.status()).contains("mode=none");
	}

	private boolean dueEveryTick(ConfirmationRunner runner, List<Snapshot> history) {
		return dueEveryTick(runner, history, TrendThresholds.defaults().minPoints());
	}

	private boolean dueEveryTick(ConfirmationRunner runner, List<Snapshot> history, int minPoints) {
		TrendThresholds d = TrendThresholds.defaults();
		TrendAnalyzer analyzer = new TrendAnalyzer(new TrendThresholds(d.warmup(), d.window(), minPoints,
				d.significance(), d.minGrowthRate(), d.noiseFactor(), d.saturationRatio(), d.recentFraction(),
				d.minReclaimedPoints(), d.reclaimedSignificance(), d.leakWarmup()), SeriesDefinition.standard());
		boolean any = false;
		for (int i = 20; i < history.size() && !any; i++) {
			List<Snapshot> upTo = history.subList(0, i + 1);
			TrendReport report = analyzer.analyze(new TrendInput(upTo.get(i).time(), upTo, List.of(),
					runner.confirmations(), "auto", List.of(), List.of()));
			any = runner.run(report, upTo.get(i), upTo);
		}
		return any;
	}

	private ConfirmationRunner runner(ConfirmationMode mode, @Nullable ExplicitGc explicitGc) {
		ExplicitGc gc = (explicitGc != null) ? explicitGc : new ExplicitGc() {
			@Override
			public @Nullable String unavailableReason() {
				return "System.gc() would be a full collection";
			}
		};
		return new ConfirmationRunner(mode, new ConfirmationPolicy(3, MIN_INTERVAL), MIN_INTERVAL,
				new PauseBudget(0.001, Duration.ofMillis(200)),
				gc, (snapshot) -> {
					this.taken.add(snapshot);
					return new ClassHistogram(List.of(), 0, 40 * MIB, 0, true, snapshot.time(), Duration.ofMillis(60));
				});
	}

	/** A cache churning at its cap: the after-GC floor climbs with promoted garbage, no collector measurement. */
	private static List<Snapshot> churningHistory(long live) {
		Random random = new Random(3);
		SyntheticSnapshots history = new SyntheticSnapshots(Duration.ofMinutes(1), 1024 * MIB);
		for (int i = 0; i < 60; i++) {
			history.add(live + i * 3 * MIB + SyntheticSnapshots.noise(random, MIB), null);
		}
		return new ArrayList<>(history.snapshots());
	}

	private static Snapshot withMeasurement(Snapshot s, LiveSetMeasurement measurement) {
		GcWindow gc = s.gc().withMeasurements(List.of(measurement));
		return new Snapshot(s.id(), s.time(), s.uptimeMillis(), s.heap(), s.liveSetBytes(), s.liveSetSource(), gc,
				s.pools(), s.nonHeapCommitted(), s.bufferPools(), s.collectors(), s.threads(), s.loadedClasses(),
				s.rssBytes(), s.openFds(), s.maxFds(), s.extraSeries(), s.captureNanos(), s.startLagMillis(),
				s.jvmStartMillis());
	}

}
