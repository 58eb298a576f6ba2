package dev.memoryaudit.audit.sessions;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.memoryaudit.audit.AuditHarness;
import dev.memoryaudit.audit.Finding;
import dev.memoryaudit.audit.ProbeRow;
import dev.memoryaudit.audit.Severity;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drives {@link HttpSessionProbe} through a real auditor with session figures that grow or stay flat.
 */
class HttpSessionProbeTests {

	@Test
	void unboundedGrowingSessionsAreFlaggedWithTheMissingBound() {
		AtomicInteger active = new AtomicInteger();
		ProbeRow row = run(() -> List.of(new SessionSource.SessionFigures("", "StandardManager",
				active.addAndGet(50), -1, 1800, active.get(), 0, 0, active.get())));
		Finding finding = row.findings().get(0);
		assertThat(finding.severity()).isEqualTo(Severity.SESSIONS_GROWING);
		assertThat(finding.structure()).isEqualTo("sessions /");
		assertThat(finding.message()).contains("no bound: maxActiveSessions is unlimited (-1)")
			.contains("each session lives 30m after its last request");
		assertThat(finding.fix()).contains("getSession(false)").contains("server.servlet.session.timeout");
		assertThat(row.measures()).anyMatch((m) -> m.meter().equals(HttpSessionProbe.MAX_GAUGE) && Double.isNaN(m.value()));
	}

	@Test
	void aBoundedGrowthSaysHowFullTheBoundIs() {
		AtomicInteger active = new AtomicInteger();
		ProbeRow row = run(() -> List.of(new SessionSource.SessionFigures("/shop", "StandardManager",
				active.addAndGet(50), 1000, 600, active.get(), 0, 3, active.get())));
		assertThat(row.findings().get(0).message()).contains("bounded at maxActiveSessions=1000 (60% full, 3 rejected)")
			.contains("10m after its last request");
		assertThat(row.measures()).anyMatch((m) -> m.meter().equals(HttpSessionProbe.MAX_GAUGE) && m.value() == 1000);
	}

	@Test
	void flatSessionsRaiseNothingAndNoContainerIsUnavailable() {
		ProbeRow flat = run(() -> List.of(new SessionSource.SessionFigures("", "StandardManager", 3, -1, 1800, 40,
				37, 0, 9)));
		assertThat(flat.findings()).isEmpty();
		assertThat(flat.summary()).isEqualTo("/: 3 active sessions, bound none, timeout 30m, 40 created");
		ProbeRow none = run(() -> null);
		assertThat(none.unavailable()).startsWith("unavailable: no embedded Tomcat");
		ProbeRow broken = run(() -> {
			throw new IllegalStateException("manager stopped");
		});
		assertThat(broken.unavailable()).contains("manager stopped");
	}

	private static ProbeRow run(SessionSource source) {
		AuditHarness harness = new AuditHarness(100, List.of(), List.of(new HttpSessionProbe(source, 100)));
		for (int tick = 0; tick < 12; tick++) {
			harness.tick();
		}
		return harness.auditor.latest().probes().get(0);
	}

}
