package dev.memoryaudit.retention;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.memoryaudit.histogram.LeakSuspect;
import dev.memoryaudit.testsupport.MutableClock;
import dev.memoryaudit.trend.LiveSetEvidence;
import dev.memoryaudit.trend.SeriesAssessment;
import dev.memoryaudit.trend.SeriesDefinition;
import dev.memoryaudit.trend.TrendReport;
import dev.memoryaudit.trend.Verdict;
import jdk.jfr.FlightRecorder;
import org.jspecify.annotations.Nullable;
import jdk.jfr.Recording;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class RetentionMonitorTests {

	static final List<Holder> RETAINED = new ArrayList<>();

	private static final int STEADY_CAPACITY = 40_000;

	/** A full LRU cache: as many entries after every churn. */
	static final Map<Integer, byte[]> STEADY = new LinkedHashMap<>(16, 0.75f, true) {
		@Override
		protected boolean removeEldestEntry(Map.Entry<Integer, byte[]> eldest) {
			return size() > STEADY_CAPACITY;
		}
	};

	private static int churned;

	private static final Instant START = Instant.parse("2026-12-01T00:00:00Z");

	/** Short: the test clock says when a dump is due, the samples' ages are real (JFR's allocation times). */
	private static final Duration SAMPLE_FOR = Duration.ofMillis(800);

	private static final Duration RESAMPLE = Duration.ofHours(1);

	private static final LeakSuspect BYTES = new LeakSuspect("[B", "byte[]",
			LeakSuspect.Classification.GROWING_STEADILY, 1_000, 50_000_000, 40_000_000, 40_000, 5, 4);

	@TempDir
	Path parent;

	@AfterEach
	void release() {
		RETAINED.clear();
	}

	private RetentionSettings settings(Duration minInterval) {
		return RetentionSettings.always(null, Duration.ofMinutes(5), 16 * 1024 * 1024, minInterval, this.parent, 20);
	}

	private RetentionSettings onLeak() {
		return new RetentionSettings(null, Duration.ofMinutes(5), 16 * 1024 * 1024, Duration.ZERO, this.parent, 20,
				RetentionRecording.ON_LEAK, SAMPLE_FOR, RESAMPLE);
	}

	@Test
	void dumpNamesTheStaticFieldThatHoldsTheLeak() throws InterruptedException {
		try (RetentionMonitor monitor = new RetentionMonitor(settings(Duration.ZERO), JfrAvailability.platform(),
				Clock.systemUTC())) {
			monitor.start();
			Path directory = monitor.directory();
			assertThat(directory).isNotNull();
			assertThat(directory.getParent()).isEqualTo(this.parent);
			// Old-object sampling is probabilistic (samples are taken on TLAB refills): leak more until a sample
			// of a byte[] reached the static field (the sampled object can also be a Holder)
			RetentionReport report = null;
			for (int attempt = 0; attempt < 10 && !heldByRetained(report); attempt++) {
				// a recording just started can take a moment before its sampler samples
				Thread.sleep(attempt * 100L);
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

	@Test
	void onLeakRecordsNothingUntilALeakIsSuspected() {
		MutableClock clock = new MutableClock(START);
		String name = "memory-audit-retention";
		try (RetentionMonitor monitor = new RetentionMonitor(onLeak(), JfrAvailability.platform(), clock)) {
			monitor.start();
			assertThat(monitor.directory()).isNull();
			for (Verdict verdict : List.of(Verdict.INSUFFICIENT_DATA, Verdict.STABLE, Verdict.GROWING)) {
				monitor.onTick(trend(clock.instant(), verdict));
				clock.advance(Duration.ofMinutes(1));
			}
			// the dump thread acts on ticks: let it finish whatever they queued
			assertThat(monitor.awaitDumpThread(Duration.ofSeconds(20))).isTrue();
			assertThat(monitor.directory()).isNull();
			assertThat(FlightRecorder.getFlightRecorder().getRecordings()).extracting(Recording::getName)
				.doesNotContain(name);
			assertThat(monitor.recordingStatus()).startsWith("idle: the recording runs only while a leak is suspected");
			RetentionDump dump = monitor.dumpNow();
			assertThat(dump.notRecording()).isTrue();
			assertThat(dump.message()).startsWith("the retention recording is not running: idle");
			assertThat(monitor.report().dumpedAt()).isNull();
		}
	}

	@Test
	void onLeakStartsOnLeakSuspectedDumpsAfterSamplingAndStopsOnceTheCulpritIsNamed() throws InterruptedException {
		MutableClock clock = new MutableClock(START);
		try (RetentionMonitor monitor = new RetentionMonitor(onLeak(), JfrAvailability.platform(), clock)) {
			monitor.start();
			monitor.onTick(trend(clock.instant(), Verdict.LEAK_SUSPECTED));
			awaitRecording(monitor, true);
			assertThat(monitor.recordingStatus()).startsWith("recording since " + START + " (a leak is suspected)");
			// before sampleFor has passed: no dump
			leak(40_000);
			clock.advance(SAMPLE_FOR.dividedBy(2));
			monitor.onTick(trend(clock.instant(), Verdict.LEAK_SUSPECTED));
			assertThat(monitor.awaitDumpThread(Duration.ofSeconds(20))).isTrue();
			assertThat(monitor.report().dumpedAt()).isNull();
			// each tick after sampleFor dumps, until a dump names the culprit (old-object sampling is probabilistic,
			// at most three dumps per recording)
			for (int dump = 1; dump <= RetentionMonitor.MAX_DUMPS_PER_RECORDING && monitor.directory() != null; dump++) {
				leak(40_000);
				// a leak's samples are older than the last moment
				Thread.sleep(SAMPLE_FOR.toMillis() / 2);
				clock.advance(SAMPLE_FOR);
				monitor.onTick(trend(clock.instant(), Verdict.LEAK_SUSPECTED));
				assertThat(monitor.awaitDumpThread(Duration.ofSeconds(60))).isTrue();
				assertThat(monitor.report().dumpedAt()).as("dump %d: %s", dump, monitor.recordingStatus()).isNotNull();
			}
			assertThat(monitor.directory()).isNull();
			assertThat(monitor.report().trigger()).startsWith("trend LEAK_SUSPECTED, after sampling for PT");
			// the baseline a quarter of the way in (or an earlier dump of this recording) to compare sizes with
			assertThat(monitor.report().previous()).isNotNull();
			List<Culprit> culprits = monitor.culprits(monitor.report());
			assertThat(culprits).as(monitor.recordingStatus()).anySatisfy((culprit) -> {
				assertThat(culprit.className()).isEqualTo("[B");
				assertThat(culprit.holder())
					.isEqualTo("static field dev.memoryaudit.retention.RetentionMonitorTests.RETAINED");
				assertThat(culprit.allocatedAt()).startsWith("RetentionMonitorTests.leak(line ");
			});
			assertThat(monitor.recordingStatus()).contains("(a dump named the culprit)")
				.contains("again no sooner than PT1H");
			assertThat(FlightRecorder.getFlightRecorder().getRecordings()).extracting(Recording::getName)
				.doesNotContain("memory-audit-retention");

			// still suspected: no new recording within the resample interval, one after it
			clock.advance(Duration.ofMinutes(30));
			monitor.onTick(trend(clock.instant(), Verdict.LEAK_SUSPECTED));
			assertThat(monitor.awaitDumpThread(Duration.ofSeconds(20))).isTrue();
			assertThat(monitor.directory()).isNull();
			clock.advance(Duration.ofMinutes(31));
			monitor.onTick(trend(clock.instant(), Verdict.LEAK_SUSPECTED));
			awaitRecording(monitor, true);
		}
	}

	@Test
	void onLeakStopsWhenTheVerdictLeavesGrowth() {
		MutableClock clock = new MutableClock(START);
		try (RetentionMonitor monitor = new RetentionMonitor(onLeak(), JfrAvailability.platform(), clock)) {
			monitor.start();
			monitor.onTick(trend(clock.instant(), Verdict.LEAK_SUSPECTED));
			awaitRecording(monitor, true);
			Path directory = monitor.directory();
			clock.advance(SAMPLE_FOR.dividedBy(4));
			monitor.onTick(trend(clock.instant(), Verdict.GROWING));
			assertThat(monitor.awaitDumpThread(Duration.ofSeconds(20))).isTrue();
			assertThat(monitor.directory()).as("growth keeps it running").isEqualTo(directory);
			clock.advance(SAMPLE_FOR.dividedBy(4));
			monitor.onTick(trend(clock.instant(), Verdict.STABLE));
			awaitRecording(monitor, false);
			assertThat(directory).doesNotExist();
			assertThat(monitor.report().dumpedAt()).isNull();
			assertThat(monitor.recordingStatus()).contains("(the verdict left growth (STABLE))");
		}
	}

	@Test
	void onLeakStopsAfterItsThirdDumpWhenNoneNamesACulprit() {
		MutableClock clock = new MutableClock(START);
		LeakSuspect nowhere = new LeakSuspect("com.example.Nowhere", "com.example.Nowhere",
				LeakSuspect.Classification.GROWING_STEADILY, 1_000, 50_000_000, 40_000_000, 40_000, 5, 4);
		try (RetentionMonitor monitor = new RetentionMonitor(onLeak(), JfrAvailability.platform(), clock)) {
			monitor.start();
			monitor.onTick(trend(clock.instant(), Verdict.LEAK_SUSPECTED, List.of(nowhere)));
			awaitRecording(monitor, true);
			for (int dump = 1; dump <= RetentionMonitor.MAX_DUMPS_PER_RECORDING; dump++) {
				assertThat(monitor.directory()).as("before dump %d", dump).isNotNull();
				assertThat(monitor.recordingStatus()).contains((dump - 1) + " of at most 3 dumps taken");
				clock.advance(SAMPLE_FOR);
				monitor.onTick(trend(clock.instant(), Verdict.LEAK_SUSPECTED, List.of(nowhere)));
				assertThat(monitor.awaitDumpThread(Duration.ofSeconds(60))).isTrue();
			}
			assertThat(monitor.directory()).isNull();
			assertThat(monitor.recordingStatus()).contains("(3 dumps named no culprit)");
		}
	}

	@Test
	void closedWithAStartQueuedItStartsAgainAfterARestart() {
		MutableClock clock = new MutableClock(START);
		RetentionMonitor monitor = new RetentionMonitor(onLeak(), JfrAvailability.platform(), clock);
		try {
			monitor.start();
			monitor.onTick(trend(clock.instant(), Verdict.LEAK_SUSPECTED));
			monitor.close();
			assertThat(monitor.directory()).isNull();
			assertThat(FlightRecorder.getFlightRecorder().getRecordings()).extracting(Recording::getName)
				.doesNotContain("memory-audit-retention");
			// as a checkpoint/restore of the application context does
			monitor.start();
			clock.advance(Duration.ofMinutes(1));
			monitor.onTick(trend(clock.instant(), Verdict.LEAK_SUSPECTED));
			awaitRecording(monitor, true);
		}
		finally {
			monitor.close();
		}
	}

	@Test
	void aClassThatBecomesASuspectAfterTheDumpIsNamedFromThatDump() throws InterruptedException {
		try (RetentionMonitor monitor = new RetentionMonitor(settings(Duration.ZERO), JfrAvailability.platform(),
				Clock.systemUTC())) {
			monitor.start();
			monitor.onTick(trend(Instant.now(), Verdict.STABLE, List.of()));
			RetentionReport report = null;
			List<String> messages = new ArrayList<>();
			for (int attempt = 0; attempt < 10 && !heldByRetained(report); attempt++) {
				// a recording just started can take a moment before its sampler samples
				Thread.sleep(attempt * 100L);
				leak(40_000);
				RetentionDump dump = monitor.dumpNow();
				messages.add(dump.message());
				report = dump.report();
			}
			assertThat(heldByRetained(report)).as(describe(report) + " " + messages).isTrue();
			assertThat(monitor.culprits(report)).isEmpty();
			// the histograms show byte[] growing only after the dump
			monitor.onTick(trend(Instant.now(), Verdict.STABLE, List.of(BYTES)));
			assertThat(monitor.culprits(monitor.report())).as(describe(monitor.report())).anySatisfy((culprit) -> assertThat(culprit.holder())
				.isEqualTo("static field dev.memoryaudit.retention.RetentionMonitorTests.RETAINED"));
		}
	}

	@Test
	void aFullCacheThatKeepsItsSizeIsNotACulpritWhileTheListThatGrowsIs() throws InterruptedException {
		try (RetentionMonitor monitor = new RetentionMonitor(settings(Duration.ZERO), JfrAvailability.platform(),
				Clock.systemUTC())) {
			monitor.start();
			monitor.onTick(trend(Instant.now(), Verdict.LEAK_SUSPECTED, List.of(BYTES)));
			churn(STEADY_CAPACITY);
			RetentionReport report = null;
			// old-object sampling is probabilistic (on TLAB refills; a full test suite's JVM samples less): both holders
			// must be sampled in two consecutive dumps
			for (int attempt = 0; attempt < 40 && !(sampledBoth(report) && report.previous() != null
					&& sampledBoth(report.previous().paths())); attempt++) {
				Thread.sleep(Math.min(attempt, 10) * 20L);
				// a quarter of the cache turns over between two dumps: its samples live for four
				leak(STEADY_CAPACITY / 4);
				churn(STEADY_CAPACITY / 4);
				report = monitor.dumpNow().report();
				// JFR writes each collection's size as it is at the dump
				assertThat(report.paths()).filteredOn((path) -> path.holder().endsWith(".RETAINED"))
					.allSatisfy((path) -> assertThat(path.containers())
						.containsEntry("ArrayList in static " + RetentionMonitorTests.class.getName() + ".RETAINED",
								RETAINED.size()));
				assertThat(report.paths()).filteredOn((path) -> path.holder().endsWith(".STEADY"))
					.allSatisfy((path) -> assertThat(path.containers())
						.containsEntry("RetentionMonitorTests$1 in static " + RetentionMonitorTests.class.getName()
								+ ".STEADY", STEADY_CAPACITY));
			}
			assertThat(sampledBoth(report) && sampledBoth(report.previous().paths())).as(describe(report)).isTrue();
			List<Culprit> culprits = monitor.culprits(report);
			assertThat(culprits).extracting(Culprit::holder)
				.contains("static field " + RetentionMonitorTests.class.getName() + ".RETAINED")
				.doesNotContain("static field " + RetentionMonitorTests.class.getName() + ".STEADY");
			assertThat(culprits).filteredOn((culprit) -> culprit.holder().endsWith(".RETAINED")).singleElement()
				.extracting(Culprit::holderGrowth).asString()
				.matches("ArrayList in static \\S+\\.RETAINED: \\d+ -> " + RETAINED.size()
						+ " entries since the dump at \\S+");
		}
		finally {
			STEADY.clear();
		}
	}

	private static boolean sampledBoth(@Nullable RetentionReport report) {
		return report != null && sampledBoth(report.paths());
	}

	private static boolean sampledBoth(List<RetentionPath> paths) {
		return paths.stream().anyMatch((path) -> "byte[]".equals(path.objectType()) && path.holder().endsWith(".RETAINED"))
				&& paths.stream()
					.anyMatch((path) -> "byte[]".equals(path.objectType()) && path.holder().endsWith(".STEADY"));
	}

	/** Replaces a full cache's entries with new ones: it churns at its capacity. */
	private static void churn(int count) {
		for (int i = 0; i < count; i++) {
			STEADY.put(churned++, new byte[1024]);
		}
	}

	private static String describe(@Nullable RetentionReport report) {
		return (report == null) ? "no report" : report.samples() + " samples; " + report.paths()
			.stream()
			.map((p) -> p.objectType() + " | " + p.holder() + " | " + p.root() + " | " + p.classes() + " | " + p.samples())
			.toList();
	}

	private static boolean heldByRetained(@Nullable RetentionReport report) {
		return report != null && report.paths()
			.stream()
			.anyMatch((path) -> "byte[]".equals(path.objectType())
					&& path.holder().equals("static field " + RetentionMonitorTests.class.getName() + ".RETAINED"));
	}

	private static TrendReport trend(Instant at, Verdict verdict) {
		return trend(at, verdict, List.of(BYTES));
	}

	private static TrendReport trend(Instant at, Verdict verdict, List<LeakSuspect> suspects) {
		SeriesAssessment liveSet = new SeriesAssessment(SeriesDefinition.LIVE_SET, "bytes", verdict, "test", 20, START,
				START, 1.0, 1.0, 0.0, 0.0, 0.0, 0.5, 0.0, 0.0, null, null, "");
		return new TrendReport(at, verdict, verdict.isGrowth(), verdict.name(),
				new LiveSetEvidence(true, "test", 0, null, List.of(), null, "auto", List.of()), List.of(liveSet),
				suspects, 20, 5, START, List.of(), List.of(), List.of(), null, null);
	}

	private static void awaitRecording(RetentionMonitor monitor, boolean running) {
		assertThat(monitor.awaitDumpThread(Duration.ofSeconds(20))).isTrue();
		assertThat(monitor.directory() != null).as(monitor.recordingStatus()).isEqualTo(running);
	}

	private static void leak(int count) {
		for (int i = 0; i < count; i++) {
			RETAINED.add(new Holder(new byte[1024]));
		}
	}

	record Holder(byte[] state) {
	}

}
