package dev.memoryaudit.audit.threadlocals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.memoryaudit.audit.AuditHarness;
import dev.memoryaudit.audit.ProbeRow;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without {@code --add-opens} (this test JVM) the probe says why it cannot read thread-locals; with it (a child JVM
 * running {@link ThreadLocalLeakMain}) it names the owner of a thread-local that grows on pooled threads.
 */
class ThreadLocalProbeTests {

	@Test
	void withoutAddOpensTheRowSaysWhatIsMissingAndNothingElseChanges() {
		ThreadLocalProbe probe = new ThreadLocalProbe(ThreadLocalProbe.Settings.defaults());
		assertThat(probe.unavailable()).isEqualTo(
				"unavailable: reading Thread.threadLocals needs the JVM option --add-opens java.base/java.lang=ALL-UNNAMED");
		AuditHarness harness = new AuditHarness(100, List.of(), List.of(probe));
		harness.tick();
		ProbeRow row = harness.auditor.latest().probes().get(0);
		assertThat(row.unavailable()).contains("--add-opens java.base/java.lang=ALL-UNNAMED");
		assertThat(row.measures()).singleElement().satisfies((m) -> assertThat(m.value()).isNaN());
		assertThat(harness.auditor.latest().threadGroups()).isNotEmpty();
	}

	@Test
	void withAddOpensAGrowingThreadLocalOnPooledThreadsIsNamedByItsOwner() throws Exception {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		Process process = new ProcessBuilder(java, "--add-opens", "java.base/java.lang=ALL-UNNAMED", "-Xmx128m", "-cp",
				System.getProperty("java.class.path"), ThreadLocalLeakMain.class.getName())
			.redirectErrorStream(true)
			.start();
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("child JVM finished").isTrue();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.exitValue()).as(output).isZero();
		assertThat(output).contains("available=true")
			.contains("finding=THREAD_LOCALS_GROWING " + ThreadLocalLeakMain.class.getName()
					+ " (ThreadLocal.withInitial)")
			.contains("value java.util.ArrayList")
			.doesNotContain("finding=THREAD_LOCALS_GROWING ThreadLocal<");
	}

}
