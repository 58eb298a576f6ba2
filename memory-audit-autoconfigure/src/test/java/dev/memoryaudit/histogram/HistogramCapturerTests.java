package dev.memoryaudit.histogram;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import javax.management.RuntimeMBeanException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class HistogramCapturerTests {

	private static final Instant NOW = Instant.parse("2025-01-01T10:00:00Z");

	private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

	@Test
	void capturesRealHistogramContainingAllocatedProbes() {
		List<HistogramProbe> probes = new ArrayList<>();
		for (int i = 0; i < 10_000; i++) {
			probes.add(new HistogramProbe(i));
		}
		HistogramCapturer capturer = new HistogramCapturer(new DiagnosticCommandHistogramSource(), Integer.MAX_VALUE,
				HistogramCapturer.defaultParallelThreads(), this.clock);
		HistogramCapture capture = capturer.capture(true);
		assertThat(capture.unavailableReason()).isNull();
		ClassHistogram histogram = capture.histogram();
		ClassHistogramEntry probe = histogram.entry(HistogramProbe.class.getName());
		assertThat(probe).isNotNull();
		assertThat(probe.instances()).isGreaterThanOrEqualTo(10_000);
		assertThat(probe.module()).isNull();
		assertThat(histogram.live()).isTrue();
		assertThat(histogram.capturedAt()).isEqualTo(NOW);
		assertThat(histogram.captureDuration()).isPositive();
		assertThat(histogram.totalBytes()).isGreaterThanOrEqualTo(probe.bytes());
		assertThat(probes).hasSize(10_000);
	}

	@Test
	void capturesRealAllObjectsHistogramTruncatedToTopN() {
		HistogramCapturer capturer = new HistogramCapturer(new DiagnosticCommandHistogramSource(), 5, 1, this.clock);
		HistogramCapture capture = capturer.capture(false);
		assertThat(capture.available()).isTrue();
		assertThat(capture.histogram().entries()).hasSize(5);
		assertThat(capture.histogram().classCount()).isGreaterThan(5);
		assertThat(capture.histogram().live()).isFalse();
	}

	@Test
	void passesLiveFlagAndParallelThreadsToTheSource() {
		List<String> calls = new ArrayList<>();
		HistogramSource source = (live, threads) -> {
			calls.add(live + "/" + threads);
			return "   1:  1  16  a.B";
		};
		HistogramCapturer capturer = new HistogramCapturer(source, 10, 3, this.clock);
		capturer.capture(true);
		capturer.capture(false);
		assertThat(calls).containsExactly("true/3", "false/3");
	}

	@Test
	void reportsUnavailableWhenTheMBeanIsMissing() {
		HistogramSource source = (live, threads) -> {
			throw new HistogramUnavailableException("DiagnosticCommand MBean not present on this JVM (test VM)");
		};
		HistogramCapture capture = new HistogramCapturer(source, 10, 2, this.clock).capture(false);
		assertThat(capture.histogram()).isNull();
		assertThat(capture.unavailableReason())
			.isEqualTo("histogram unavailable: DiagnosticCommand MBean not present on this JVM (test VM)");
	}

	@Test
	void reportsUnavailableWithTheUnwrappedCauseWhenTheCommandFails() {
		HistogramSource source = (live, threads) -> {
			throw new RuntimeMBeanException(new IllegalArgumentException("Unknown argument '-all' in diagnostic command."));
		};
		HistogramCapture capture = new HistogramCapturer(source, 10, 2, this.clock).capture(false);
		assertThat(capture.unavailableReason()).startsWith("histogram unavailable: GC.class_histogram failed (")
			.contains("java.lang.IllegalArgumentException: Unknown argument '-all'");
	}

	@Test
	void reportsUnavailableWhenTheOutputCannotBeParsed() {
		HistogramCapture capture = new HistogramCapturer((live, threads) -> "Permission denied", 10, 2, this.clock)
			.capture(true);
		assertThat(capture.unavailableReason()).startsWith("histogram unavailable: output could not be parsed")
			.contains("Permission denied");
	}

	@Test
	void reportsUnavailableAndKeepsInterruptFlagWhenInterrupted() {
		HistogramSource source = (live, threads) -> {
			throw new InterruptedException();
		};
		try {
			HistogramCapture capture = new HistogramCapturer(source, 10, 2, this.clock).capture(true);
			assertThat(capture.unavailableReason()).contains("interrupted");
			assertThat(Thread.currentThread().isInterrupted()).isTrue();
		}
		finally {
			Thread.interrupted();
		}
	}

	@Test
	void defaultParallelThreadsIsOneOrTwo() {
		assertThat(HistogramCapturer.defaultParallelThreads()).isBetween(1, 2)
			.isLessThanOrEqualTo(Runtime.getRuntime().availableProcessors());
	}

	@Test
	void rejectsInvalidSettings() {
		HistogramSource source = (live, threads) -> "";
		assertThatIllegalArgumentException().isThrownBy(() -> new HistogramCapturer(source, 0, 1, this.clock));
		assertThatIllegalArgumentException().isThrownBy(() -> new HistogramCapturer(source, 1, -1, this.clock));
	}

	static final class HistogramProbe {

		private final int value;

		HistogramProbe(int value) {
			this.value = value;
		}

		int value() {
			return this.value;
		}

	}

}
