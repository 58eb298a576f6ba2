package dev.memoryaudit.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.memoryaudit.testsupport.MutableClock;
import dev.memoryaudit.trend.TrendThresholds;
import dev.memoryaudit.trend.Verdict;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How a leak probe's row joins the audit: its findings and measures pass through, its growth raises the verdict, no
 * higher than GROWING before the leak warm-up, and a probe that throws leaves an unavailable row.
 */
class LeakProbeVerdictTests {

	private final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));

	@Test
	void aProbeLeakRaisesTheVerdictOnlyToGrowingBeforeTheLeakWarmup() {
		Finding finding = new Finding("orders.placed", "meter", Severity.METER_CARDINALITY_GROWING, "grew", "cap it");
		LeakProbe probe = new FixedProbe(new ProbeRow("fixed", Verdict.LEAK_SUSPECTED, "growing", null, Map.of(),
				List.of(), List.of(finding), List.of(), List.of()));
		MemoryAuditor auditor = auditor(probe);
		AuditReport early = auditor.audit();
		assertThat(early.verdict()).isEqualTo(Verdict.GROWING);
		assertThat(early.findings()).contains(finding);
		assertThat(early.findingCounts().get(Severity.METER_CARDINALITY_GROWING)).isEqualTo(1);
		this.clock.advance(Duration.ofMinutes(61));
		assertThat(auditor.audit().verdict()).isEqualTo(Verdict.LEAK_SUSPECTED);
	}

	@Test
	void aProbeThatThrowsLeavesAnUnavailableRowAndTheRestIsAudited() {
		LeakProbe broken = new LeakProbe() {

			@Override
			public String name() {
				return "broken";
			}

			@Override
			public Map<String, Long> sample() {
				throw new IllegalStateException("sample boom");
			}

			@Override
			public ProbeRow assess(Trends trends) {
				throw new IllegalStateException("assess boom");
			}

		};
		MemoryAuditor auditor = auditor(broken);
		assertThat(auditor.sample()).isNotNull();
		AuditReport report = auditor.latest();
		assertThat(report.probes()).singleElement().satisfies((row) -> {
			assertThat(row.unavailable()).contains("broken failed").contains("assess boom");
			assertThat(row.verdict()).isEqualTo(Verdict.INSUFFICIENT_DATA);
		});
		assertThat(report.threadGroups()).isNotEmpty();
		assertThat(report.verdict()).isEqualTo(Verdict.STABLE);
	}

	private MemoryAuditor auditor(LeakProbe probe) {
		TrendThresholds thresholds = new TrendThresholds(Duration.ZERO, Duration.ofHours(6), 5, 0.01, 0.0025, 3.0,
				0.5, 0.33, 4, 0.05, Duration.ofHours(1));
		return new MemoryAuditor(new AuditSettings(0.8, 100, 10, 10, 3, thresholds), List.of(), List.of(probe),
				new ThreadCensus(), List::of, this.clock);
	}

	private record FixedProbe(ProbeRow row) implements LeakProbe {

		@Override
		public String name() {
			return this.row.probe();
		}

		@Override
		public Map<String, Long> sample() {
			return Map.of();
		}

		@Override
		public ProbeRow assess(Trends trends) {
			return this.row;
		}

	}

}
