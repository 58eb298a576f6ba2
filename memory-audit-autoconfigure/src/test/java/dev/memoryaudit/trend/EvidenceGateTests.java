package dev.memoryaudit.trend;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
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
		// weak evidence does not raise the top-level verdict: it is reported beside it
		assertThat(report.verdict()).isEqualTo(Verdict.STABLE);
		assertThat(report.confirmed()).isFalse();
		assertThat(report.liveSet().confirmed()).isFalse();
		assertThat(report.liveSet().reason()).contains("no old-generation collection in the last 60 ticks");
		assertThat(report.unconfirmedGrowth()).singleElement().satisfies((growth) -> {
			assertThat(growth.series()).isEqualTo(SeriesDefinition.LIVE_SET);
			assertThat(growth.verdict()).isEqualTo(Verdict.GROWING);
			assertThat(growth.reason()).contains("no old-generation collection in the last 60 ticks");
		});
		assertThat(report.summary()).contains("Unconfirmed growth (not in the verdict): live-set");
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
		// Tick 50 is a young-only collection: it closes the fifth reclamation cycle.
		for (int i = 0; i < 51; i++) {
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
		assertThat(report.series(SeriesDefinition.LIVE_SET).verdict()).isEqualTo(Verdict.GROWING);
		assertThat(report.verdict()).isEqualTo(Verdict.STABLE);
		assertThat(report.confirmed()).isFalse();
		assertThat(report.unconfirmedGrowth()).extracting(UnconfirmedGrowth::series)
			.containsExactly(SeriesDefinition.LIVE_SET);
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


	/**
	 * Recorded on a real G1 JVM (benchmarks/traces/legacy/recorded): each mixed phase is a run of reclaiming collections a few
	 * ticks apart with no young-only collection between them, each leaving less behind. The phase counts once, at its
	 * lowest point, and a phase still running does not confirm anything.
	 */
	@Test
	void mixedPhaseCountsOnceAtItsLowestPointAndARunningPhaseConfirmsNothing() {
		SyntheticSnapshots history = new SyntheticSnapshots(Duration.ofMinutes(1), HEAP_MAX);
		for (int i = 0; i < 30; i++) {
			history.add((100 + i) * MIB, null);
		}
		// First mixed phase: 130, 114, 99 MiB with ticks without any collection between them.
		history.add(130 * MIB, 130 * MIB).add(null, null).add(114 * MIB, 114 * MIB).add(null, null);
		history.add(99 * MIB, 99 * MIB);
		for (int i = 0; i < 20; i++) {
			history.add((105 + 3 * i) * MIB, null);
		}
		// Second phase has just started: its first collection leaves 149 MiB, more will follow.
		history.add(149 * MIB, 149 * MIB);
		TrendReport running = analyze(history.snapshots());
		assertThat(running.verdict()).isNotEqualTo(Verdict.LEAK_SUSPECTED);
		assertThat(running.liveSet().confirmed()).isFalse();
		assertThat(running.liveSet().reclaimedFloor()).extracting(ReclaimedPoint::bytes)
			.containsExactly(99 * MIB, 149 * MIB);
		assertThat(running.liveSet().reclaimedFloor().get(1).source()).contains("still running");
		history.add(null, null).add(133 * MIB, 133 * MIB).add(null, null).add(104 * MIB, 104 * MIB);
		history.add(108 * MIB, null);
		TrendReport closed = analyze(history.snapshots());
		assertThat(closed.verdict()).isNotEqualTo(Verdict.LEAK_SUSPECTED);
		assertThat(closed.liveSet().reclaimedFloor()).extracting(ReclaimedPoint::bytes)
			.containsExactly(99 * MIB, 104 * MIB);
	}

	@Test
	void stepThatHoldsLevelIsNotConfirmedButALeakAfterItIs() {
		Random random = new Random(12);
		SyntheticSnapshots step = new SyntheticSnapshots(Duration.ofMinutes(1), HEAP_MAX);
		SyntheticSnapshots leak = new SyntheticSnapshots(Duration.ofMinutes(1), HEAP_MAX);
		for (int i = 0; i < 200; i++) {
			boolean reclaim = i % 10 == 9;
			long noise = SyntheticSnapshots.noise(random, 0.5 * MIB);
			// Reference data reloaded at tick 125: +60 MiB once, level afterwards.
			long stepLive = 100 * MIB + ((i >= 125) ? 60 * MIB : 0) + noise;
			long floor = stepLive + (reclaim ? 0 : (i % 10) * 4 * MIB);
			step.add(floor, reclaim ? stepLive : null);
			// A leak of 3 MiB a tick from tick 125 on the same noise.
			long leakLive = 100 * MIB + ((i >= 125) ? (i - 125) * 3 * MIB : 0) + noise;
			leak.add(leakLive + (reclaim ? 0 : (i % 10) * 4 * MIB), reclaim ? leakLive : null);
		}
		TrendReport stepReport = analyze(step.snapshots());
		assertThat(stepReport.verdict()).isNotEqualTo(Verdict.LEAK_SUSPECTED);
		assertThat(stepReport.liveSet().confirmed()).isFalse();
		TrendReport leakReport = analyze(leak.snapshots());
		assertThat(leakReport.verdict()).isEqualTo(Verdict.LEAK_SUSPECTED);
		assertThat(leakReport.liveSet().confirmed()).isTrue();
	}

	@Test
	void cacheFillingUpToItsCapIsNotConfirmedWhileItSlowsDown() {
		Random random = new Random(13);
		SyntheticSnapshots history = new SyntheticSnapshots(Duration.ofMinutes(1), HEAP_MAX);
		for (int i = 0; i < 80; i++) {
			boolean reclaim = i % 6 == 5;
			long live = 100 * MIB + (long) (150 * MIB * (1 - Math.exp(-i / 25.0)))
					+ SyntheticSnapshots.noise(random, 0.5 * MIB);
			history.add(live + (reclaim ? 0 : (i % 6) * 8 * MIB), reclaim ? live : null);
		}
		TrendReport report = analyze(history.snapshots());
		assertThat(report.verdict()).isNotEqualTo(Verdict.LEAK_SUSPECTED);
		assertThat(report.liveSet().confirmed()).isFalse();
		assertThat(report.liveSet().reason()).contains("ever slower");
	}

	@Test
	void leakWarmupKeepsGrowthUnconfirmedUntilItHasPassed() {
		TrendThresholds defaults = TrendThresholds.defaults();
		TrendThresholds threeHours = new TrendThresholds(defaults.warmup(), defaults.window(), defaults.minPoints(),
				defaults.significance(), defaults.minGrowthRate(), defaults.noiseFactor(), defaults.saturationRatio(),
				defaults.recentFraction(), defaults.minReclaimedPoints(), defaults.reclaimedSignificance(),
				Duration.ofHours(3));
		TrendAnalyzer analyzer = new TrendAnalyzer(threeHours, SeriesDefinition.standard());
		SyntheticSnapshots history = new SyntheticSnapshots(Duration.ofMinutes(1), HEAP_MAX);
		for (int i = 0; i < 60; i++) {
			long live = 20 * MIB + i * 2 * MIB;
			boolean reclaim = i % 10 == 9;
			history.add(live + (reclaim ? 0 : (i % 10) * 3 * MIB), reclaim ? live : null);
		}
		// Uptime is 2 h at the last tick: inside the 3 h leak warm-up.
		TrendReport early = analyzer.analyze(new TrendInput(Instant.now(), history.snapshots(), List.of(),
				List.of(), "none", List.of(), List.of()));
		assertThat(early.series(SeriesDefinition.LIVE_SET).verdict()).isEqualTo(Verdict.GROWING);
		assertThat(early.verdict()).isEqualTo(Verdict.STABLE);
		assertThat(early.liveSet().confirmed()).isFalse();
		assertThat(early.liveSet().reason()).contains("leak verdicts wait for 3h after start");
		assertThat(early.unconfirmedGrowth()).singleElement()
			.satisfies((growth) -> assertThat(growth.reason()).contains("leak warm-up"));
		for (int i = 60; i < 121; i++) {
			long live = 20 * MIB + i * 2 * MIB;
			boolean reclaim = i % 10 == 9;
			history.add(live + (reclaim ? 0 : (i % 10) * 3 * MIB), reclaim ? live : null);
		}
		TrendReport late = analyzer.analyze(new TrendInput(Instant.now(), history.snapshots(), List.of(),
				List.of(), "none", List.of(), List.of()));
		assertThat(late.verdict()).isEqualTo(Verdict.LEAK_SUSPECTED);
		assertThat(late.liveSet().confirmed()).isTrue();
	}

	/**
	 * The reclaimed floor of {@code step-g1-frequent-s1} (benchmarks) at tick 155, which was confirmed as a leak before
	 * the step check: nine points around 222 MiB, then five around 309 MiB.
	 */
	@Test
	void reclaimedFloorThatSteppedUpOnceAndHeldLevelIsAStep() {
		double[] mib = { 216.9, 229.3, 218.1, 217.6, 224.2, 216.7, 226.7, 222.7, 224.3, 305.7, 307.7, 313.7, 310.8,
				305.7 };
		int[] ticks = { 14, 29, 42, 53, 66, 78, 93, 106, 116, 124, 132, 140, 147, 155 };
		LeakShapes gate = new LeakShapes(TrendThresholds.defaults());
		assertThat(gate.stepNotGrowth(points(ticks, mib))).contains("stepped up by 86.")
			.contains("held level since");
		assertThat(gate.stepNotGrowth(points(Arrays.copyOf(ticks, 11), Arrays.copyOf(mib, 11))))
			.contains("2 reclamation(s) since, 3 needed");
		double[] leak = new double[mib.length];
		for (int i = 0; i < leak.length; i++) {
			leak[i] = 220 + ((ticks[i] > 100) ? (ticks[i] - 100) * 1.6 : 0) + ((i % 3) - 1) * 4;
		}
		assertThat(gate.stepNotGrowth(points(ticks, leak))).isNull();
	}

	/**
	 * The ZGC markings of {@code step-zgc-s7} (benchmarks, seeds beyond the committed corpus) at tick 129, which were
	 * confirmed as a leak before the noise check: sixteen points around 201 MiB, then a jump of 100 MiB and four points
	 * whose noise made a slope of 2.6 MiB/h, above half the small overall slope a robust fit gives a step.
	 */
	@Test
	void aJumpFollowedByPointsThatGrowOnlyWithinTheirNoiseIsAStep() {
		double[] mib = { 202.09, 200.98, 200.43, 200.84, 201.74, 200.53, 200.50, 201.44, 201.94, 201.33, 202.48, 202.32,
				201.24, 202.35, 201.66, 201.28, 301.34, 300.82, 301.60, 301.73 };
		int[] ticks = new int[mib.length];
		for (int i = 0; i < ticks.length; i++) {
			ticks[i] = 72 + 3 * i;
		}
		LeakShapes gate = new LeakShapes(TrendThresholds.defaults());
		assertThat(gate.stepNotGrowth(points(ticks, mib))).contains("stepped up by 99.9 MiB")
			.contains("at once and has held level since, within the noise");
		double[] growingAfter = mib.clone();
		for (int i = 16; i < growingAfter.length; i++) {
			growingAfter[i] = 301 + (i - 16) * 2.5;
		}
		assertThat(gate.stepNotGrowth(points(ticks, growingAfter))).isNull();
	}

	private static List<ReclaimedPoint> points(int[] ticks, double[] mib) {
		List<ReclaimedPoint> points = new java.util.ArrayList<>();
		for (int i = 0; i < ticks.length; i++) {
			points.add(new ReclaimedPoint(SyntheticSnapshots.START.plus(Duration.ofMinutes(ticks[i])),
					(long) (mib[i] * MIB), "old-collection"));
		}
		return points;
	}

	@Test
	void growthOfInformationalSeriesOnlyIsNotConfirmedButThreadGrowthIs() {
		Random random = new Random(14);
		SyntheticSnapshots rss = new SyntheticSnapshots(Duration.ofMinutes(1), HEAP_MAX);
		SyntheticSnapshots threads = new SyntheticSnapshots(Duration.ofMinutes(1), HEAP_MAX);
		for (int i = 0; i < 60; i++) {
			long floor = 100 * MIB + SyntheticSnapshots.noise(random, 0.3 * MIB);
			// RSS (and with it RSS minus committed memory) climbs 2 MiB a tick with a steady live set.
			rss.add(floor, null, 40, 300 * MIB + i * 2 * MIB);
			threads.add(floor, null, 40 + i);
		}
		TrendReport informational = analyze(rss.snapshots());
		assertThat(informational.series("rss").verdict()).isEqualTo(Verdict.GROWING);
		assertThat(informational.verdict()).isEqualTo(Verdict.STABLE);
		assertThat(informational.confirmed()).isFalse();
		assertThat(informational.unconfirmedGrowth()).extracting(UnconfirmedGrowth::series).contains("rss");
		TrendReport measured = analyze(threads.snapshots());
		assertThat(measured.series("threads").verdict()).isEqualTo(Verdict.LEAK_SUSPECTED);
		assertThat(measured.confirmed()).isTrue();
	}

}
