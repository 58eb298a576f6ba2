package dev.memoryaudit.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import dev.memoryaudit.snapshot.GcMonitor;
import dev.memoryaudit.snapshot.PlatformProcessProbe;
import dev.memoryaudit.snapshot.Snapshot;
import dev.memoryaudit.snapshot.SnapshotCapturer;
import dev.memoryaudit.trend.TrendThresholds;

/**
 * Drives a real auditor through real snapshots, one minute apart on a stepping clock.
 */
final class AuditHarness {

	final List<Snapshot> history = new ArrayList<>();

	final StepClock clock = new StepClock();

	final MemoryAuditor auditor;

	private final SnapshotCapturer capturer;

	private long ids;

	AuditHarness(int maxTracked, List<StructureInspector> inspectors) {
		TrendThresholds thresholds = new TrendThresholds(Duration.ZERO, Duration.ofHours(6), 5, 0.01, 0.0025, 3.0,
				0.5, 0.33, 4, 0.05);
		this.auditor = new MemoryAuditor(new AuditSettings(0.8, maxTracked, 10, 10, 3, thresholds), inspectors,
				new ThreadCensus(), () -> List.copyOf(this.history), this.clock);
		this.capturer = new SnapshotCapturer(GcMonitor.forPlatform(), new PlatformProcessProbe(),
				List.of(this.auditor), this.clock);
	}

	AuditReport tick() {
		this.clock.step();
		this.history.add(this.capturer.capture(++this.ids, 0L));
		this.auditor.sections();
		return this.auditor.latest();
	}

	static final class StepClock extends Clock {

		private Instant now = Instant.parse("2025-01-01T00:00:00Z");

		void step() {
			this.now = this.now.plus(Duration.ofMinutes(1));
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
