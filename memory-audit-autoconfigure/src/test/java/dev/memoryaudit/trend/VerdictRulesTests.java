package dev.memoryaudit.trend;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import dev.memoryaudit.histogram.ClassHistogram;
import dev.memoryaudit.histogram.ClassHistogramEntry;
import dev.memoryaudit.snapshot.GcWindow;
import dev.memoryaudit.snapshot.LiveSetMeasurement;
import dev.memoryaudit.snapshot.MemoryFigures;
import dev.memoryaudit.snapshot.Snapshot;
import dev.memoryaudit.snapshot.ThreadFigures;
import org.junit.jupiter.api.Test;

import static dev.memoryaudit.trend.SyntheticSnapshots.MIB;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each named verdict rule on a history it decides, in the order the gate asks them: the report names the rule
 * ({@code liveSet.rule}) and gives its verdict. The rules are also exercised by {@code EvidenceGateTests} on
 * recorded-style series and, all together, by the accuracy replay.
 */
class VerdictRulesTests {

	private static final long HEAP_MAX = 512 * MIB;

	private final TrendAnalyzer analyzer = new TrendAnalyzer(TrendThresholds.defaults(), SeriesDefinition.standard());

	private TrendReport analyze(List<Snapshot> snapshots, List<ClassHistogram> histograms) {
		return this.analyzer.analyze(new TrendInput(Instant.now(), snapshots, histograms, List.of(), "none",
				List.of(), List.of()));
	}

	private TrendReport analyze(List<Snapshot> snapshots) {
		return analyze(snapshots, List.of());
	}

	@Test
	void rulesAreAskedInTheDocumentedOrder() {
		assertThat(VerdictRules.ORDER).extracting(VerdictRule::name)
			.containsExactly("collection-usage", "exact-points", "reclaimed-floor-grows", "no-growth",
					"growth-survived-reclamation", "reclaimed-floor-flat", "growth-taken-back", "weak-evidence-only");
	}

	@Test
	void collectionUsageIsStrongEvidenceWithoutNotifications() {
		List<Snapshot> history = new ArrayList<>();
		for (int i = 0; i < 60; i++) {
			history.add(snapshot(i, GcWindow.unavailable(), (100 + 2L * i) * MIB, "collection-usage"));
		}
		TrendReport report = analyze(history);
		assertThat(report.liveSet().rule()).isEqualTo("collection-usage");
		assertThat(report.liveSet().confirmed()).isTrue();
		assertThat(report.verdict()).isEqualTo(Verdict.LEAK_SUSPECTED);
	}

	@Test
	void exactPointsDecideAloneAndConfirmSteadyGrowth() {
		List<Snapshot> history = new ArrayList<>();
		for (int i = 0; i < 60; i++) {
			GcWindow window = new GcWindow(true, 3, 0, (150 + (i % 5) * 10L) * MIB, null, 5);
			if (i % 6 == 0) {
				window = window.withMeasurements(List.of(new LiveSetMeasurement(time(i), (100 + i) * MIB,
						LiveSetMeasurement.G1_MARKING)));
			}
			history.add(snapshot(i, window, window.afterGcFloor(), "gc-notification"));
		}
		TrendReport report = analyze(history);
		assertThat(report.liveSet().rule()).isEqualTo("exact-points");
		assertThat(report.liveSet().confirmed()).isTrue();
		assertThat(report.liveSet().reason()).contains("the live set measured exactly grew across 10 exact");
	}

	@Test
	void exactPointsThatDoNotGrowReadStableWhateverTheAfterGcFloorDoes() {
		List<Snapshot> history = new ArrayList<>();
		for (int i = 0; i < 60; i++) {
			GcWindow window = new GcWindow(true, 3, 0, (100 + 3L * i) * MIB, null, 5);
			if (i % 6 == 0) {
				window = window.withMeasurements(List.of(new LiveSetMeasurement(time(i), (100 + (i % 2)) * MIB,
						LiveSetMeasurement.ZGC_MARKING)));
			}
			history.add(snapshot(i, window, window.afterGcFloor(), "gc-notification"));
		}
		TrendReport report = analyze(history);
		assertThat(report.liveSet().rule()).isEqualTo("exact-points");
		assertThat(report.liveSet().confirmed()).isFalse();
		assertThat(report.verdict()).isNotEqualTo(Verdict.LEAK_SUSPECTED);
	}

	/**
	 * A leak beside a cache that filled at start-up (the new-user notification app): the window's exact points grow
	 * ever slower, as a filling cache does, but those of the last 60 ticks grow on their own at the leak's pace, and
	 * they confirm it. The same cache without the leak levels off and confirms nothing.
	 */
	@Test
	void exactPointsOfTheLastHourConfirmALeakThatGoesOnAfterACacheFilled() {
		for (boolean leak : new boolean[] { true, false }) {
			List<Snapshot> history = new ArrayList<>();
			for (int i = 0; i < 150; i++) {
				GcWindow window = new GcWindow(true, 3, 0, (250 + (i % 5) * 10L) * MIB, null, 5);
				if (i % 6 == 0) {
					double cache = 80 * (1 - Math.exp(-i / 12.0));
					double live = 100 + cache + (leak ? 0.25 * i : 0) + ((i / 6) % 3 - 1) * 0.4;
					window = window.withMeasurements(List.of(new LiveSetMeasurement(time(i), (long) (live * MIB),
							LiveSetMeasurement.G1_MARKING)));
				}
				history.add(snapshot(i, window, window.afterGcFloor(), "gc-notification"));
			}
			TrendReport report = analyze(history);
			assertThat(report.liveSet().rule()).isEqualTo("exact-points");
			if (leak) {
				assertThat(report.liveSet().confirmed()).isTrue();
				assertThat(report.liveSet().reason()).contains("of the last 60 ticks, on their own")
					.contains("grows, but ever slower");
			}
			else {
				assertThat(report.liveSet().confirmed()).isFalse();
				assertThat(report.verdict()).isNotEqualTo(Verdict.LEAK_SUSPECTED);
			}
		}
	}

	/**
	 * Live histograms are exact points (their totals), so they decide by {@code exact-points}; the class that grows
	 * across them is named among the suspects (a rule of its own could never be reached, and was removed).
	 */
	@Test
	void liveHistogramsAreExactPointsAndNameTheGrowingClass() {
		Random random = new Random(3);
		SyntheticSnapshots history = new SyntheticSnapshots(Duration.ofMinutes(1), HEAP_MAX);
		for (int i = 0; i < 60; i++) {
			history.add((100 + 2L * i) * MIB + SyntheticSnapshots.noise(random, MIB), null);
		}
		List<ClassHistogram> histograms = new ArrayList<>();
		for (int h = 0; h < 4; h++) {
			long instances = 1000 + 5000L * h;
			histograms.add(new ClassHistogram(List.of(new ClassHistogramEntry("com.example.Order", null, instances,
					instances * 200), new ClassHistogramEntry("byte[]", null, 50_000, 40 * MIB)), 51_000 + instances,
					40 * MIB + instances * 200, 2, true, SyntheticSnapshots.START.plus(Duration.ofMinutes(20 + 10 * h)),
					Duration.ofMillis(50)));
		}
		TrendReport report = analyze(history.snapshots(), histograms);
		assertThat(report.liveSet().rule()).isEqualTo("exact-points");
		assertThat(report.liveSet().reason()).contains("across 4 exact measurements (live-histogram)");
		assertThat(report.suspects()).first()
			.satisfies((suspect) -> assertThat(suspect.className()).isEqualTo("com.example.Order"));
	}

	@Test
	void theRemainingRulesNameThemselves() {
		Random random = new Random(10);
		SyntheticSnapshots churning = new SyntheticSnapshots(Duration.ofSeconds(5), HEAP_MAX);
		for (int i = 0; i < 60; i++) {
			churning.add(MIB + (long) (i * 289.0 / 60 * MIB) + SyntheticSnapshots.noise(random, MIB), null);
		}
		assertThat(analyze(churning.snapshots()).liveSet().rule()).isEqualTo("weak-evidence-only");
		churning.add(40 * MIB, 40 * MIB).add(45 * MIB, null).add(50 * MIB, null);
		assertThat(analyze(churning.snapshots()).liveSet().rule()).isEqualTo("growth-taken-back");

		SyntheticSnapshots flat = new SyntheticSnapshots(Duration.ofMinutes(1), HEAP_MAX);
		for (int i = 0; i < 60; i++) {
			flat.add(200 * MIB + SyntheticSnapshots.noise(random, MIB), null);
		}
		assertThat(analyze(flat.snapshots()).liveSet().rule()).isEqualTo("no-growth");

		SyntheticSnapshots reclaimedRising = new SyntheticSnapshots(Duration.ofMinutes(1), HEAP_MAX);
		for (int i = 0; i < 120; i++) {
			long level = (200 + i) * MIB;
			reclaimedRising.add(level + 20 * MIB, (i % 10 == 9) ? level : null);
		}
		TrendReport rising = analyze(reclaimedRising.snapshots());
		assertThat(rising.liveSet().rule()).isEqualTo("reclaimed-floor-grows");
		assertThat(rising.verdict()).isEqualTo(Verdict.LEAK_SUSPECTED);

		SyntheticSnapshots reclaimedFlat = new SyntheticSnapshots(Duration.ofMinutes(1), HEAP_MAX);
		for (int i = 0; i < 120; i++) {
			reclaimedFlat.add((200 + i) * MIB, (i % 10 == 9) ? 200 * MIB + (i % 20) * MIB / 10 : null);
		}
		assertThat(analyze(reclaimedFlat.snapshots()).liveSet().rule()).isEqualTo("reclaimed-floor-flat");

		SyntheticSnapshots survived = new SyntheticSnapshots(Duration.ofMinutes(1), HEAP_MAX);
		for (int i = 0; i < 60; i++) {
			long level = (200 + 2L * i) * MIB;
			survived.add(level + 10 * MIB, (i == 20 || i == 50) ? level : null);
		}
		assertThat(analyze(survived.snapshots()).liveSet().rule()).isEqualTo("growth-survived-reclamation");
	}

	@Test
	void theLeakWarmupGuardHoldsAConfirmedLeakBackAndSaysSo() {
		TrendAnalyzer early = new TrendAnalyzer(new TrendThresholds(Duration.ZERO, Duration.ofHours(6), 12, 0.01,
				0.0025, 3.0, 0.5, 0.33, 4, 0.01, Duration.ofDays(1)), SeriesDefinition.standard());
		List<Snapshot> history = new ArrayList<>();
		for (int i = 0; i < 60; i++) {
			history.add(snapshot(i, GcWindow.unavailable(), (100 + 2L * i) * MIB, "collection-usage"));
		}
		TrendReport report = early.analyze(new TrendInput(Instant.now(), history, List.of(), List.of(), "none",
				List.of(), List.of()));
		assertThat(report.liveSet().rule()).isEqualTo("collection-usage, leak-warmup");
		assertThat(report.liveSet().confirmed()).isFalse();
		assertThat(report.verdict()).isNotEqualTo(Verdict.LEAK_SUSPECTED);
	}

	private static Instant time(int tick) {
		return SyntheticSnapshots.START.plus(Duration.ofMinutes(tick));
	}

	private static Snapshot snapshot(int tick, GcWindow gc, Long liveSet, String source) {
		long uptime = Duration.ofHours(2).toMillis() + Duration.ofMinutes(tick).toMillis();
		return new Snapshot(tick + 1, time(tick), uptime, new MemoryFigures(liveSet + 50 * MIB, HEAP_MAX, HEAP_MAX),
				liveSet, source, gc, List.of(), 60 * MIB, List.of(), List.of(), new ThreadFigures(40, 20, 40, 40), 8000,
				300 * MIB, 50L, 65536L, Map.of(), 100_000, 0L, time(tick).toEpochMilli() - uptime);
	}

}
