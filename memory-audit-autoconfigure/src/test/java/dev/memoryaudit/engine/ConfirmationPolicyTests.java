package dev.memoryaudit.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;

import dev.memoryaudit.trend.SeriesDefinition;
import dev.memoryaudit.trend.SyntheticSnapshots;
import dev.memoryaudit.trend.TrendAnalyzer;
import dev.memoryaudit.trend.TrendInput;
import dev.memoryaudit.trend.TrendReport;
import dev.memoryaudit.trend.TrendThresholds;
import dev.memoryaudit.trend.Verdict;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Confirmations start after consecutive ticks of unconfirmed growth and come in chains that go on while each live
 * histogram measures more than the one before.
 */
class ConfirmationPolicyTests {

	private static final long MIB = SyntheticSnapshots.MIB;

	private static final Duration MIN_INTERVAL = Duration.ofMinutes(10);

	private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

	private static TrendReport growingUnconfirmed;

	private static TrendReport stable;

	@BeforeAll
	static void reports() {
		TrendAnalyzer analyzer = new TrendAnalyzer(TrendThresholds.defaults(), SeriesDefinition.standard());
		Random random = new Random(1);
		SyntheticSnapshots churning = new SyntheticSnapshots(Duration.ofSeconds(5), 512 * MIB);
		SyntheticSnapshots steady = new SyntheticSnapshots(Duration.ofMinutes(1), 512 * MIB);
		for (int i = 0; i < 60; i++) {
			churning.add(MIB + (long) (i * 289.0 / 60 * MIB) + SyntheticSnapshots.noise(random, MIB), null);
			steady.add(100 * MIB + SyntheticSnapshots.noise(random, MIB), null);
		}
		growingUnconfirmed = analyzer.analyze(input(churning));
		stable = analyzer.analyze(input(steady));
		assertThat(growingUnconfirmed.series(SeriesDefinition.LIVE_SET).verdict()).isEqualTo(Verdict.GROWING);
		assertThat(growingUnconfirmed.liveSet().confirmed()).isFalse();
		assertThat(stable.series(SeriesDefinition.LIVE_SET).verdict()).isEqualTo(Verdict.STABLE);
	}

	private static TrendInput input(SyntheticSnapshots snapshots) {
		return new TrendInput(Instant.now(), snapshots.snapshots(), List.of(), List.of(), "live-histogram", List.of(),
				List.of());
	}

	@Test
	void dueAfterConsecutiveTicksOfUnconfirmedGrowthOnly() {
		ConfirmationPolicy policy = new ConfirmationPolicy(3, MIN_INTERVAL);
		assertThat(policy.due(growingUnconfirmed, T0)).isFalse();
		assertThat(policy.due(growingUnconfirmed, T0.plusSeconds(60))).isFalse();
		assertThat(policy.due(stable, T0.plusSeconds(120))).isFalse();
		assertThat(policy.due(growingUnconfirmed, T0.plusSeconds(180))).isFalse();
		assertThat(policy.due(growingUnconfirmed, T0.plusSeconds(240))).isFalse();
		assertThat(policy.due(growingUnconfirmed, T0.plusSeconds(300))).isTrue();
	}

	@Test
	void chainGoesOnWhileEachMeasuresMoreThanTheOneBefore() {
		ConfirmationPolicy policy = new ConfirmationPolicy(1, MIN_INTERVAL);
		assertThat(policy.due(growingUnconfirmed, T0)).isTrue();
		policy.taken(T0, 100 * MIB);
		// Within the minimum interval nothing is due, whatever the verdict.
		assertThat(policy.due(growingUnconfirmed, T0.plus(Duration.ofMinutes(9)))).isFalse();
		// The full collection took the after-GC floor down (STABLE), but the first of a chain gets a follow-up.
		Instant t1 = T0.plus(MIN_INTERVAL);
		assertThat(policy.due(stable, t1)).isTrue();
		policy.taken(t1, 120 * MIB);
		Instant t2 = t1.plus(MIN_INTERVAL);
		assertThat(policy.due(stable, t2)).isTrue();
		policy.taken(t2, 110 * MIB);
		// Less than the one before: the chain ends.
		assertThat(policy.due(stable, t2.plus(MIN_INTERVAL))).isFalse();
	}

	@Test
	void coldChainAndConcurrentConfirmationsGetNoFollowUp() {
		ConfirmationPolicy cold = new ConfirmationPolicy(1, MIN_INTERVAL);
		cold.taken(T0, 100 * MIB);
		assertThat(cold.due(stable, T0.plus(MIN_INTERVAL.multipliedBy(3)))).isFalse();
		ConfirmationPolicy concurrent = new ConfirmationPolicy(1, MIN_INTERVAL);
		concurrent.taken(T0, -1);
		assertThat(concurrent.due(stable, T0.plus(MIN_INTERVAL))).isFalse();
	}

	@Test
	void reclaimedFloorThatRoseAcrossTwoCyclesCountsAsUnconfirmedGrowth() {
		TrendAnalyzer analyzer = new TrendAnalyzer(TrendThresholds.defaults(), SeriesDefinition.standard());
		Random random = new Random(2);
		SyntheticSnapshots history = new SyntheticSnapshots(Duration.ofMinutes(1), 512 * MIB);
		for (int i = 0; i < 40; i++) {
			// A sawtooth of promoted garbage whose mixed collections leave 100, then 104 MiB behind.
			Long reclaimed = (i == 12) ? Long.valueOf(100 * MIB) : (i == 25) ? Long.valueOf(104 * MIB) : null;
			long floor = (reclaimed != null) ? reclaimed.longValue() : 100 * MIB + (i % 13) * 20 * MIB;
			history.add(floor + SyntheticSnapshots.noise(random, 0.2 * MIB), reclaimed);
		}
		TrendReport rose = analyzer.analyze(input(history));
		assertThat(rose.liveSet().confirmed()).isFalse();
		assertThat(rose.liveSet().reclaimedFloor()).hasSize(2);
		// The after-GC floor alone does not read GROWING: only the reclaimed floor can start the chain.
		assertThat(rose.series(SeriesDefinition.LIVE_SET).verdict()).isNotEqualTo(Verdict.GROWING);
		ConfirmationPolicy policy = new ConfirmationPolicy(2, MIN_INTERVAL);
		assertThat(policy.due(rose, T0)).isFalse();
		assertThat(policy.due(rose, T0.plusSeconds(60))).isTrue();
		// A confirmation taken after that rise (its live histogram measured less: no follow-up) has answered it: the
		// same stale rise does not start chain after chain.
		Instant lastCycle = rose.liveSet().reclaimedFloor().get(1).time();
		ConfirmationPolicy answered = new ConfirmationPolicy(2, MIN_INTERVAL);
		answered.taken(lastCycle.plusSeconds(30), 100 * MIB);
		answered.taken(lastCycle.plusSeconds(30).plus(MIN_INTERVAL), 99 * MIB);
		Instant later = lastCycle.plus(MIN_INTERVAL.multipliedBy(4));
		assertThat(answered.due(rose, later)).isFalse();
		assertThat(answered.due(rose, later.plusSeconds(60))).isFalse();
		assertThat(answered.due(rose, later.plusSeconds(120))).isFalse();
	}

	@Test
	void chainStopsWhenTheLiveSetGrowsSlowerThanTheMinimumRate() {
		// Heap max of the reports is 512 MiB: 0.25 %/h of it is 1.28 MiB an hour, 0.21 MiB per 10 minutes.
		ConfirmationPolicy policy = new ConfirmationPolicy(1, MIN_INTERVAL, 0.0025);
		policy.taken(T0, 100 * MIB);
		Instant t1 = T0.plus(MIN_INTERVAL);
		assertThat(policy.due(stable, t1)).isTrue();
		policy.taken(t1, 100 * MIB + 100 * 1024);
		// 100 KiB more in 10 minutes: below the minimum rate, the chain ends.
		assertThat(policy.due(stable, t1.plus(MIN_INTERVAL))).isFalse();
		ConfirmationPolicy faster = new ConfirmationPolicy(1, MIN_INTERVAL, 0.0025);
		faster.taken(T0, 100 * MIB);
		faster.taken(t1, 101 * MIB);
		assertThat(faster.due(stable, t1.plus(MIN_INTERVAL))).isTrue();
	}

	@Test
	void confirmationsThatKeepFindingNoGrowthComeEverLessOftenUntilOneFindsGrowth() {
		ConfirmationPolicy policy = new ConfirmationPolicy(1, MIN_INTERVAL);
		Instant t = T0;
		// a chain of two (the follow-up), then three more quiet ones: 10, 20, 40, 40 minutes apart
		policy.taken(t, 100 * MIB);
		t = t.plus(MIN_INTERVAL);
		assertThat(policy.due(growingUnconfirmed, t)).isTrue();
		policy.taken(t, 100 * MIB);
		assertThat(policy.quietConfirmations()).isEqualTo(1);
		for (Duration gap : new Duration[] { MIN_INTERVAL.multipliedBy(2), MIN_INTERVAL.multipliedBy(4),
				MIN_INTERVAL.multipliedBy(4) }) {
			assertThat(policy.due(growingUnconfirmed, t.plus(gap).minusSeconds(60))).as("before %s", gap).isFalse();
			t = t.plus(gap);
			assertThat(policy.due(growingUnconfirmed, t)).as("after %s", gap).isTrue();
			policy.taken(t, 100 * MIB);
		}
		assertThat(policy.quietConfirmations()).isEqualTo(4);
		// one that finds growth resets the pace
		t = t.plus(MIN_INTERVAL.multipliedBy(4));
		assertThat(policy.due(growingUnconfirmed, t)).isTrue();
		policy.taken(t, 110 * MIB);
		assertThat(policy.quietConfirmations()).isZero();
	}

}
