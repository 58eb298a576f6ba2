package dev.memoryaudit.engine;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PauseBudgetTests {

	private static final long MIB = 1024 * 1024;

	private static final Instant START = Instant.parse("2026-12-01T00:00:00Z");

	@Test
	void predictsFromTheLiveSetWithThePriorModelUntilPausesAreMeasured() {
		PauseBudget budget = new PauseBudget(0.001, Duration.ofMillis(200));
		assertThat(budget.predictMillis(40 * MIB)).isEqualTo(80);
		assertThat(budget.predictMillis(200 * MIB)).isEqualTo(320);
	}

	@Test
	void learnsFromMeasuredPausesAndNeverPredictsBelowThePrior() {
		PauseBudget budget = new PauseBudget(0.001, Duration.ofMillis(200));
		// measured twice the prior on this machine: predictions double
		budget.record(START.plusSeconds(600), 160, 40 * MIB, PauseCause.LIVE_HISTOGRAM);
		assertThat(budget.predictMillis(40 * MIB)).isEqualTo(160);
		assertThat(budget.predictMillis(20 * MIB)).isEqualTo(100);
		// a faster measurement does not lower the prediction below the prior
		PauseBudget fast = new PauseBudget(0.001, Duration.ofMillis(200));
		fast.record(START.plusSeconds(600), 10, 40 * MIB, PauseCause.LIVE_HISTOGRAM);
		assertThat(fast.predictMillis(40 * MIB)).isEqualTo(80);
	}

	@Test
	void refusesAPausePredictedAboveTheMaximumAndSaysWhy() {
		PauseBudget budget = new PauseBudget(0.001, Duration.ofMillis(200));
		assertThat(budget.refusal(START.plus(Duration.ofHours(2)), 200 * MIB))
			.contains("about 320 ms")
			.contains("memory.audit.confirmation.max-pause (200ms)");
		assertThat(budget.refusal(START.plus(Duration.ofHours(2)), 40 * MIB)).isNull();
	}

	@Test
	void allowsAShareOfAnyTrailingHour() {
		PauseBudget budget = new PauseBudget(0.001, Duration.ofMillis(200));
		// the hour's share is there from the start
		assertThat(budget.refusal(START.plusSeconds(60), 40 * MIB)).isNull();
		assertThat(budget.allowedMillis()).isEqualTo(3600);
		assertThat(budget.allowedMillis()).isEqualTo(3600);
		Instant later = START.plus(Duration.ofHours(3));
		for (int i = 0; i < 44; i++) {
			budget.record(later.plusSeconds(i * 60), 80, -1, PauseCause.LIVE_HISTOGRAM);
		}
		// 3,520 ms used: one more 80 ms pause just fits the 3,600 ms an hour
		assertThat(budget.usedMillis(later.plusSeconds(44 * 60))).isEqualTo(3520);
		assertThat(budget.refusal(later.plusSeconds(44 * 60), 40 * MIB)).isNull();
		budget.record(later.plusSeconds(44 * 60), 80, -1, PauseCause.LIVE_HISTOGRAM);
		assertThat(budget.refusal(later.plusSeconds(45 * 60), 40 * MIB)).contains("3600 ms of our pauses")
			.contains("3600 ms allowed");
		// an hour after them the pauses no longer count
		assertThat(budget.usedMillis(later.plus(Duration.ofMinutes(110)))).isZero();
		assertThat(budget.totalMillis()).isEqualTo(3600);
		assertThat(budget.totalPauses()).isEqualTo(45);
		assertThat(budget.refusal(later.plus(Duration.ofMinutes(110)), 40 * MIB)).isNull();
	}

	@Test
	void keepsBoundedStateHoweverManyPausesAreRecorded() {
		PauseBudget budget = new PauseBudget(0.001, Duration.ofMillis(200));
		for (int i = 0; i < 100_000; i++) {
			budget.record(START.plusMillis(i * 100L), 1, 40 * MIB, PauseCause.LIVE_HISTOGRAM);
		}
		// 100,000 pauses of 1 ms over 2.8 hours: only the last hour (36,000 of them, in one bucket a minute) counts
		long used = budget.usedMillis(START.plusMillis(100_000 * 100L));
		assertThat(used).isBetween(35_000L, 37_000L);
	}

}
