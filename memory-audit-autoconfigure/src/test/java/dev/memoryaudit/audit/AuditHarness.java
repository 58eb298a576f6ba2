package dev.memoryaudit.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.memoryaudit.snapshot.GcMonitor;
import dev.memoryaudit.snapshot.PlatformProcessProbe;
import dev.memoryaudit.snapshot.Snapshot;
import dev.memoryaudit.snapshot.SnapshotCapturer;
import dev.memoryaudit.testsupport.MutableClock;
import dev.memoryaudit.trend.TrendThresholds;

/**
 * Drives a real auditor through real snapshots, one minute apart on a stepping clock.
 */
public final class AuditHarness {

	final List<Snapshot> history = new ArrayList<>();

	final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));

	public final MemoryAuditor auditor;

	private final SnapshotCapturer capturer;

	private long ids;

	public AuditHarness(int maxTracked, List<StructureInspector> inspectors) {
		this(maxTracked, inspectors, List.of());
	}

	public AuditHarness(int maxTracked, List<StructureInspector> inspectors, List<LeakProbe> probes) {
		TrendThresholds thresholds = new TrendThresholds(Duration.ZERO, Duration.ofHours(6), 5, 0.01, 0.0025, 3.0,
				0.5, 0.33, 4, 0.05);
		this.auditor = new MemoryAuditor(new AuditSettings(0.8, maxTracked, 10, 10, 3, thresholds), inspectors,
				probes, new ThreadCensus(), () -> List.copyOf(this.history), this.clock);
		this.capturer = new SnapshotCapturer(GcMonitor.forPlatform(), new PlatformProcessProbe(),
				List.of(this.auditor), this.clock);
	}

	public AuditReport tick() {
		this.clock.advance(Duration.ofMinutes(1));
		this.history.add(this.capturer.capture(++this.ids, 0L));
		this.auditor.sections();
		return this.auditor.latest();
	}

}
