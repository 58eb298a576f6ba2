package dev.memoryaudit.trend;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.memoryaudit.snapshot.LiveSetMeasurement;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class VerdictLatchTests {

	private static final Instant START = Instant.parse("2026-12-01T00:00:00Z");

	@Test
	void holdsLeakSuspectedWhileTheEvidenceHasNotTurnedAndSaysSince() {
		VerdictLatch latch = new VerdictLatch(3, 3);
		TrendReport first = latch.apply(report(0, Verdict.STABLE, List.of()));
		assertThat(first.verdict()).isEqualTo(Verdict.STABLE);
		assertThat(first.verdictSince()).isEqualTo(START);
		TrendReport leak = latch.apply(report(1, Verdict.LEAK_SUSPECTED, List.of()));
		assertThat(leak.verdict()).isEqualTo(Verdict.LEAK_SUSPECTED);
		assertThat(leak.previousVerdict()).isEqualTo(Verdict.STABLE);
		assertThat(leak.verdictSince()).isEqualTo(START.plusSeconds(60));
		// a tick that alone reads GROWING, then STABLE ones without new exact points: held
		for (int tick = 2; tick < 8; tick++) {
			TrendReport held = latch.apply(report(tick, (tick == 2) ? Verdict.GROWING : Verdict.STABLE, List.of()));
			assertThat(held.verdict()).as("tick %d", tick).isEqualTo(Verdict.LEAK_SUSPECTED);
			assertThat(held.summary()).contains("held since");
			assertThat(held.verdictSince()).isEqualTo(START.plusSeconds(60));
		}
	}

	@Test
	void releasesWhenCalmAndExactPointsSinceShowNoGrowth() {
		VerdictLatch latch = new VerdictLatch(3, 3);
		latch.apply(report(0, Verdict.LEAK_SUSPECTED, List.of()));
		List<ReclaimedPoint> points = new ArrayList<>();
		List<Verdict> verdicts = new ArrayList<>();
		TrendReport released = null;
		for (int tick = 1; tick <= 5; tick++) {
			points.add(new ReclaimedPoint(START.plusSeconds(tick * 60L - 1), 100, LiveSetMeasurement.G1_MARKING));
			TrendReport report = latch.apply(report(tick, Verdict.STABLE, List.copyOf(points)));
			verdicts.add(report.verdict());
			if (released == null && report.verdict() == Verdict.STABLE) {
				released = report;
			}
		}
		// three calm ticks with three exact points since the last LEAK_SUSPECTED: released at tick 3, and stays
		assertThat(verdicts).containsExactly(Verdict.LEAK_SUSPECTED, Verdict.LEAK_SUSPECTED, Verdict.STABLE,
				Verdict.STABLE, Verdict.STABLE);
		assertThat(released.summary()).contains("LEAK_SUSPECTED released");
		assertThat(released.previousVerdict()).isEqualTo(Verdict.LEAK_SUSPECTED);
		assertThat(released.verdictSince()).isEqualTo(START.plusSeconds(180));
	}

	@Test
	void aRestartReleasesAtOnce() {
		VerdictLatch latch = new VerdictLatch(3, 3);
		latch.apply(report(0, Verdict.LEAK_SUSPECTED, List.of()));
		TrendReport restarted = latch.apply(new TrendReport(START.plusSeconds(60), Verdict.INSUFFICIENT_DATA, false,
				"new JVM", evidence(List.of()), List.of(liveSet(Verdict.INSUFFICIENT_DATA)), List.of(), 1, 0,
				START.plusSeconds(60), List.of(), List.of(), List.of(), null, null));
		assertThat(restarted.verdict()).isEqualTo(Verdict.INSUFFICIENT_DATA);
	}

	private static TrendReport report(int tick, Verdict verdict, List<ReclaimedPoint> points) {
		Instant at = START.plus(Duration.ofMinutes(tick));
		return new TrendReport(at, verdict, verdict.isGrowth(), verdict.name(), evidence(points),
				List.of(liveSet(verdict)), List.of(), tick + 1, 0, START, List.of(), List.of(), List.of(), null, null);
	}

	private static LiveSetEvidence evidence(List<ReclaimedPoint> points) {
		return new LiveSetEvidence(true, "test", 0, null, points, null, "auto", List.of());
	}

	private static SeriesAssessment liveSet(Verdict verdict) {
		return new SeriesAssessment(SeriesDefinition.LIVE_SET, "bytes", verdict, "test", 20, START, START, 1.0, 1.0,
				0.0, 0.0, 0.0, 0.5, 0.0, 0.0, null, null, "");
	}

}
