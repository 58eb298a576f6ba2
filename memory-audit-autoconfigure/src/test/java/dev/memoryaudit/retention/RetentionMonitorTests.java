package dev.memoryaudit.retention;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jdk.jfr.FlightRecorder;
import jdk.jfr.Recording;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class RetentionMonitorTests {

	static final List<Holder> RETAINED = new ArrayList<>();

	@TempDir
	Path parent;

	@AfterEach
	void release() {
		RETAINED.clear();
	}

	private RetentionSettings settings(Duration minInterval) {
		return new RetentionSettings(null, Duration.ofMinutes(5), 16 * 1024 * 1024, minInterval, this.parent, 20);
	}

	@Test
	void dumpNamesTheStaticFieldThatHoldsTheLeak() {
		try (RetentionMonitor monitor = new RetentionMonitor(settings(Duration.ZERO), JfrAvailability.platform(),
				Clock.systemUTC())) {
			monitor.start();
			Path directory = monitor.directory();
			assertThat(directory).isNotNull();
			assertThat(directory.getParent()).isEqualTo(this.parent);
			// Old-object sampling is probabilistic (samples are taken on TLAB refills): leak more until sampled.
			RetentionReport report = null;
			for (int attempt = 0; attempt < 5 && (report == null || report.samples() == 0); attempt++) {
				leak(40_000);
				report = monitor.dumpNow().report();
			}
			assertThat(report.lastError()).isNull();
			assertThat(report.samples()).isPositive();
			assertThat(report.fileBytes()).isPositive();
			assertThat(report.paths()).anySatisfy((path) -> {
				assertThat(path.holder())
					.isEqualTo("static field dev.memoryaudit.retention.RetentionMonitorTests.RETAINED");
				assertThat(path.text()).startsWith("byte[] <- RetentionMonitorTests$Holder.state <- ");
				assertThat(path.allocatedAt().site()).startsWith("RetentionMonitorTests.leak(line ");
				assertThat(path.allocatedAt().frames()).element(1)
					.asString().startsWith("RetentionMonitorTests.dumpNamesTheStaticFieldThatHoldsTheLeak(line ");
			});
			assertThat(RetentionMarkdown.report(report)).contains("RetentionMonitorTests.RETAINED");
			assertThat(directory).isDirectoryNotContaining("glob:**.jfr");
		}
	}

	@Test
	void privateDirectoryIsOwnerOnlyAndRemovedOnClose() throws Exception {
		Path directory;
		try (RetentionMonitor monitor = new RetentionMonitor(settings(Duration.ZERO), JfrAvailability.platform(),
				Clock.systemUTC())) {
			monitor.start();
			directory = monitor.directory();
			assertThat(Files.getPosixFilePermissions(directory)).isEqualTo(Set.of(PosixFilePermission.OWNER_READ,
					PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE));
		}
		assertThat(directory).doesNotExist();
	}

	@Test
	void coexistsWithTheUsersRecordingAndLeavesItRunning() throws Exception {
		try (Recording user = new Recording()) {
			user.enable("jdk.GarbageCollection");
			user.start();
			try (RetentionMonitor monitor = new RetentionMonitor(settings(Duration.ZERO),
					JfrAvailability.platform(), Clock.systemUTC())) {
				monitor.start();
				assertThat(FlightRecorder.getFlightRecorder().getRecordings()).hasSizeGreaterThanOrEqualTo(2);
				monitor.dumpNow();
			}
			assertThat(user.getState()).isEqualTo(jdk.jfr.RecordingState.RUNNING);
			assertThat(user.getSettings()).doesNotContainKey("jdk.OldObjectSample#enabled");
			assertThat(FlightRecorder.getFlightRecorder().getRecordings()).extracting(Recording::getName)
				.doesNotContain("memory-audit-retention");
		}
	}

	@Test
	void secondDumpInsideTheMinimumIntervalIsRefused() {
		try (RetentionMonitor monitor = new RetentionMonitor(settings(Duration.ofHours(1)),
				JfrAvailability.platform(), Clock.systemUTC())) {
			monitor.start();
			assertThat(monitor.dumpNow().refused()).isFalse();
			RetentionDump second = monitor.dumpNow();
			assertThat(second.refused()).isTrue();
			assertThat(second.message()).contains("memory.audit.retention.min-interval");
		}
	}

	@Test
	void jvmWithoutJfrReportsWhyAndNeverStartsARecording() {
		int before = FlightRecorder.getFlightRecorder().getRecordings().size();
		try (RetentionMonitor monitor = new RetentionMonitor(settings(Duration.ZERO),
				() -> "JFR is disabled in this JVM", Clock.systemUTC())) {
			monitor.start();
			assertThat(FlightRecorder.getFlightRecorder().getRecordings()).hasSize(before);
			assertThat(monitor.report().unavailable())
				.isEqualTo("retention paths unavailable: JFR is disabled in this JVM");
			RetentionDump dump = monitor.dumpNow();
			assertThat(dump.unavailable()).isTrue();
			assertThat(monitor.sections()).singleElement()
				.satisfies((section) -> assertThat(section.markdown()).contains("retention paths unavailable"));
			assertThat(monitor.directory()).isNull();
		}
	}

	private static void leak(int count) {
		for (int i = 0; i < count; i++) {
			RETAINED.add(new Holder(new byte[1024]));
		}
	}

	record Holder(byte[] state) {
	}

}
