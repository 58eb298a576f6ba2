package dev.memoryaudit.trend;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;

import dev.memoryaudit.snapshot.Snapshot;
import org.junit.jupiter.api.Test;

import static dev.memoryaudit.trend.SyntheticSnapshots.MIB;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The live-set verdict needs strong evidence: recorded-style series of a churning cache (after-young floor rising
 * with no old collection), a reclaiming collection that takes the growth back, and real leaks whose reclaimed floor
 * rises.
 */
class EvidenceGateTests {

	private static final long HEAP_MAX = 512 * MIB;

	private final TrendAnalyzer analyzer = new TrendAnalyzer(TrendThresholds.defaults(), SeriesDefinition.standard());

	private TrendReport analyze(List<Snapshot> snapshots) {
		return this.analyzer.analyze(new TrendInput(Instant.now(), snapshots, List.of(), List.of(), "none", List.of(),
				List.of()));
	}

	/**
	 * Recorded here (JVM-NOTES): a cache churning at its cap raised the lowest after-young-GC old-gen usage from 1 MB
	 * to ~290 MB in 5 minutes with zero old collections.
	 */
	private static SyntheticSnapshots churningCache(int ticks) {
		Random random = new Random(10);
		SyntheticSnapshots history = new SyntheticSnapshots(Duration.ofSeconds(5), HEAP_MAX);
		for (int i = 0; i < ticks; i++) {
			history.add(MIB + (long) (i * 289.0 / 60 * MIB) + SyntheticSnapshots.noise(random, MIB), null);
		}
		return history;
	}

	@Test
	void cacheChurningAtItsCapWithoutOldCollectionIsGrowingUnconfirmed() {
		TrendReport report = analyze(churningCache(60).snapshots());
		SeriesAssessment liveSet = report.series(SeriesDefinition.LIVE_SET);
		assertThat(liveSet.verdict()).isEqualTo(Verdict.GROWING);
		assertThat(report.verdict()).isEqualTo(Verdict.GROWING);
		assertThat(report.confirmed()).isFalse();
		assertThat(report.liveSet().confirmed()).isFalse();
		assertThat(report.liveSet().reason()).contains("no old-generation collection in the last 60 ticks");
		assertThat(report.summary()).contains("not confirmed");
	}

	@Test
	void cacheChurningAtItsCapNeverReadsLeakSuspectedAtAnyTick() {
		List<Snapshot> all = churningCache(60).snapshots();
		for (int n = 1; n <= all.size(); n++) {
			assertThat(analyze(all.subList(0, n)).verdict()).as("after %d ticks", n)
				.isNotEqualTo(Verdict.LEAK_SUSPECTED);
		}
	}

	@Test
	void reclaimingCollectionThatDropsTheFloorReadsStable() {
		SyntheticSnapshots history = churningCache(60);
		// A mixed collection reclaims the promoted garbage: the floor drops to the cache's real size.
		history.add(40 * MIB, 40 * MIB);
		history.add(45 * MIB, null);
		history.add(50 * MIB, null);
		TrendReport report = analyze(history.snapshots());
		assertThat(report.series(SeriesDefinition.LIVE_SET).verdict()).isEqualTo(Verdict.STABLE);
		assertThat(report.series(SeriesDefinition.LIVE_SET).reason()).contains("took the growth back");
		assertThat(report.verdict()).isEqualTo(Verdict.STABLE);
		assertThat(report.liveSet().reclaimingCollections()).isEqualTo(1);
	}

	@Test
	void leakWhoseReclaimedFloorRisesIsLeakSuspected() {
		Random random = new Random(11);
		SyntheticSnapshots history = new SyntheticSnapshots(Duration.ofMinutes(1), HEAP_MAX);
		// 80 KB/s real leak (4.7 MB/min) plus promoted garbage that mixed collections reclaim every 10 ticks.
		long leakPerTick = 80 * 1000 * 60;
		for (int i = 0; i < 50; i++) {
			long live = 20 * MIB + i * leakPerTick;
			boolean reclaim = i % 10 == 9;
			long garbage = reclaim ? 0 : (i % 10) * 3 * MIB;
			long floor = live + garbage + SyntheticSnapshots.noise(random, 0.3 * MIB);
			history.add(floor, reclaim ? live : null);
		}
		TrendReport report = analyze(history.snapshots());
		assertThat(report.verdict()).isEqualTo(Verdict.LEAK_SUSPECTED);
		assertThat(report.confirmed()).isTrue();
		assertThat(report.liveSet().reclaimedFloor()).hasSize(5);
		assertThat(report.liveSet().reason()).contains("reclaimed floor grew");
	}

	@Test
	void growthThatSurvivesTwoFullCollectionsIsConfirmed() {
		SyntheticSnapshots history = new SyntheticSnapshots(Duration.ofMinutes(1), HEAP_MAX);
		for (int i = 0; i < 40; i++) {
			long floor = 20 * MIB + i * 2 * MIB;
			// Full collections at ticks 9 and 29 find nearly everything still live.
			history.add(floor, (i == 9 || i == 29) ? floor - MIB : null);
		}
		TrendReport report = analyze(history.snapshots());
		assertThat(report.verdict()).isEqualTo(Verdict.LEAK_SUSPECTED);
		assertThat(report.liveSet().reason()).contains("survived the reclaiming collections");
	}

	@Test
	void growthSeenByOneFullCollectionOnlyIsNotYetConfirmed() {
		SyntheticSnapshots history = new SyntheticSnapshots(Duration.ofMinutes(1), HEAP_MAX);
		for (int i = 0; i < 40; i++) {
			long floor = 20 * MIB + i * 2 * MIB;
			history.add(floor, (i == 29) ? floor - MIB : null);
		}
		TrendReport report = analyze(history.snapshots());
		assertThat(report.verdict()).isEqualTo(Verdict.GROWING);
		assertThat(report.confirmed()).isFalse();
	}

	@Test
	void oneOffGrowthThatStopsAfterTheFullCollectionIsNotConfirmed() {
		SyntheticSnapshots history = new SyntheticSnapshots(Duration.ofMinutes(1), HEAP_MAX);
		for (int i = 0; i < 29; i++) {
			history.add(20 * MIB + i * 2 * MIB, null);
		}
		// Start-up growth (or a one-off step) that is real but ends: flat after the full collection.
		history.add(20 * MIB + 57 * MIB, 20 * MIB + 57 * MIB);
		for (int i = 30; i < 40; i++) {
			history.add(20 * MIB + 57 * MIB, null);
		}
		TrendReport report = analyze(history.snapshots());
		assertThat(report.verdict()).isNotEqualTo(Verdict.LEAK_SUSPECTED);
		assertThat(report.confirmed()).isFalse();
	}

	@Test
	void reclaimedFloorDecidesWhenItHasEnoughPointsEvenIfTheAfterGcFloorIsNoisy() {
		Random random = new Random(12);
		SyntheticSnapshots history = new SyntheticSnapshots(Duration.ofMinutes(1), HEAP_MAX);
		// Frequent mixed collections: the after-GC floor swings by ~200 MiB of promoted garbage, the reclaimed floor
		// rises 1 MiB a tick underneath.
		for (int i = 0; i < 60; i++) {
			long live = 50 * MIB + i * MIB;
			boolean reclaim = i % 5 == 4;
			long floor = reclaim ? live : live + (long) (random.nextDouble() * 200 * MIB);
			history.add(floor, reclaim ? live + SyntheticSnapshots.noise(random, 0.2 * MIB) : null);
		}
		TrendReport report = analyze(history.snapshots());
		assertThat(report.verdict()).isEqualTo(Verdict.LEAK_SUSPECTED);
		assertThat(report.series(SeriesDefinition.LIVE_SET).reason()).startsWith("reclaimed floor");
		assertThat(report.series(SeriesDefinition.LIVE_SET).slopePerHour()).isBetween(50.0 * MIB, 70.0 * MIB);
	}

	@Test
	void flatReclaimedFloorUnderRisingAfterYoungFloorIsNotConfirmed() {
		SyntheticSnapshots history = new SyntheticSnapshots(Duration.ofMinutes(1), HEAP_MAX);
		// Sessions churn: the after-young floor climbs 3 MiB a tick, but each mixed collection finds only ~60 MiB live.
		for (int i = 0; i < 60; i++) {
			boolean reclaim = i % 12 == 11;
			history.add(reclaim ? 60 * MIB : 60 * MIB + i * 3 * MIB, reclaim ? 60 * MIB + (i % 2) * MIB : null);
		}
		TrendReport report = analyze(history.snapshots());
		assertThat(report.verdict()).isNotEqualTo(Verdict.LEAK_SUSPECTED);
		assertThat(report.confirmed()).isFalse();
	}

	@Test
	void restartStartsANewSegmentAndTheDropIsNotShrinking() {
		SyntheticSnapshots history = new SyntheticSnapshots(Duration.ofMinutes(1), HEAP_MAX);
		for (int i = 0; i < 30; i++) {
			history.add(100 * MIB + i * 3 * MIB, (i % 5 == 4) ? 100 * MIB + i * 3 * MIB : null);
		}
		history.restart();
		for (int i = 0; i < 20; i++) {
			history.add(30 * MIB, (i % 5 == 4) ? 30 * MIB : null);
		}
		TrendReport report = analyze(history.snapshots());
		assertThat(report.segmentStart()).isEqualTo(history.snapshots().get(30).time());
		assertThat(report.series(SeriesDefinition.LIVE_SET).points()).isEqualTo(20);
		assertThat(report.verdict()).isEqualTo(Verdict.STABLE);
	}

	@Test
	void warmupIgnoresEarlyTicks() {
		TrendThresholds thresholds = TrendThresholds.defaults();
		TrendAnalyzer analyzer = new TrendAnalyzer(new TrendThresholds(Duration.ofHours(2), thresholds.window(),
				thresholds.minPoints(), thresholds.significance(), thresholds.minGrowthRate(),
				thresholds.noiseFactor(), thresholds.saturationRatio(), thresholds.recentFraction(),
				thresholds.minReclaimedPoints(), thresholds.reclaimedSignificance()), SeriesDefinition.standard());
		SyntheticSnapshots history = new SyntheticSnapshots(Duration.ofMinutes(1), HEAP_MAX);
		for (int i = 0; i < 70; i++) {
			history.add(100 * MIB + i * MIB, null);
		}
		// Synthetic uptime starts at 1 h: with a 2 h warm-up, only the ticks from minute 60 on count.
		TrendReport report = analyzer.analyze(new TrendInput(Instant.now(), history.snapshots(), List.of(),
				List.of(), "none", List.of(), List.of()));
		assertThat(report.series(SeriesDefinition.LIVE_SET).points()).isEqualTo(10);
		assertThat(report.verdict()).isEqualTo(Verdict.INSUFFICIENT_DATA);
	}

	@Test
	void warmupAlsoCountsFromTheEngineStartInAJvmThatHasLongBeenUp() {
		SyntheticSnapshots history = new SyntheticSnapshots(Duration.ofMinutes(1), HEAP_MAX);
		for (int i = 0; i < 60; i++) {
			history.add(100 * MIB, null, 40 + 3 * Math.min(i, 20));
		}
		// JVM uptime is past the 10 min warm-up from the first snapshot on, but the context (engine) started with the
		// first snapshot: its first 10 minutes, with the threads of start-up, are not assessed.
		Instant engineStart = history.snapshots().get(0).time();
		TrendReport report = this.analyzer.analyze(new TrendInput(Instant.now(), history.snapshots(), List.of(),
				List.of(), "none", List.of(), List.of(), engineStart));
		assertThat(report.series("threads").points()).isEqualTo(50);
		TrendReport uptimeOnly = analyze(history.snapshots());
		assertThat(uptimeOnly.series("threads").points()).isEqualTo(60);
	}

	@Test
	void threadGrowthIsReportedWithoutHeapEvidence() {
		SyntheticSnapshots history = new SyntheticSnapshots(Duration.ofMinutes(1), HEAP_MAX);
		for (int i = 0; i < 30; i++) {
			history.add(100 * MIB, (i % 5 == 4) ? 100 * MIB : null, 40 + 2 * i);
		}
		TrendReport report = analyze(history.snapshots());
		assertThat(report.series("threads").verdict()).isEqualTo(Verdict.LEAK_SUSPECTED);
		assertThat(report.series(SeriesDefinition.LIVE_SET).verdict()).isEqualTo(Verdict.STABLE);
		assertThat(report.verdict()).isEqualTo(Verdict.LEAK_SUSPECTED);
		assertThat(report.summary()).contains("threads");
	}

}
