package dev.memoryaudit.histogram;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.memoryaudit.histogram.LeakSuspect.Classification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LeakSuspectAnalyzerTests {

	private static final Instant T0 = Instant.parse("2025-01-01T10:00:00Z");

	private static final long MB = 1024 * 1024;

	private final LeakSuspectAnalyzer analyzer = new LeakSuspectAnalyzer();

	@Test
	void steadilyGrowingClassRanksFirstWithItsRate() {
		List<ClassHistogram> history = series(Map.of(
				"com.example.Leak", new long[] { 10, 12, 14, 16, 18, 20, 22 },
				"[B", new long[] { 100, 102, 99, 101, 100, 98, 101 },
				"com.example.Cache", new long[] { 10, 20, 30, 40, 40, 40, 40 }));
		LeakSuspectAnalysis analysis = this.analyzer.analyze(history);
		LeakSuspect first = analysis.suspects().get(0);
		assertThat(first.className()).isEqualTo("com.example.Leak");
		assertThat(first.classification()).isEqualTo(Classification.GROWING_STEADILY);
		// 2 MB per 10 minutes
		assertThat(first.bytesPerHour()).isCloseTo(12.0 * MB, within(1.0));
		assertThat(first.instancesPerHour()).isCloseTo(12.0 * 1024, within(0.01));
		assertThat(first.increases()).isEqualTo(6);
		assertThat(first.histogramsSeen()).isEqualTo(7);
		assertThat(first.firstBytes()).isEqualTo(10 * MB);
		assertThat(first.lastBytes()).isEqualTo(22 * MB);
		assertThat(analysis.firstVsLastOnly()).isFalse();
		assertThat(analysis.span()).isEqualTo(Duration.ofMinutes(60));
	}

	@Test
	void theCollectorsHeapFillersAreNeverSuspects() {
		// seen on JDK 25 (G1): a histogram taken without a full collection counts the filler arrays of retired TLABs
		List<ClassHistogram> history = series(Map.of(
				"[Ljdk.internal.vm.FillerElement;", new long[] { 26, 28, 31, 33, 35, 37, 39 },
				"jdk.internal.vm.FillerObject", new long[] { 1, 2, 3, 4, 5, 6, 7 },
				"com.example.Leak", new long[] { 10, 12, 14, 16, 18, 20, 22 }));
		assertThat(this.analyzer.analyze(history).suspects()).extracting(LeakSuspect::className)
			.containsExactly("com.example.Leak");
	}

	@Test
	void steadyGrowthOutranksFasterGrowthThatFlattened() {
		List<ClassHistogram> history = series(Map.of(
				"com.example.Leak", new long[] { 10, 11, 12, 13, 14, 15, 16 },
				"com.example.Cache", new long[] { 10, 60, 110, 160, 160, 160, 160 }));
		assertThat(this.analyzer.analyze(history).suspects()).extracting(LeakSuspect::className)
			.containsExactly("com.example.Leak", "com.example.Cache");
	}

	@Test
	void classThatGrowsThenFlattensIsGrowingThenFlat() {
		LeakSuspect cache = only(this.analyzer.analyze(series(Map.of(
				"com.example.Cache", new long[] { 10, 20, 30, 40, 40, 40, 40 }))));
		assertThat(cache.classification()).isEqualTo(Classification.GROWING_THEN_FLAT);
		assertThat(cache.suspect()).isTrue();
	}

	@Test
	void noisyStableClassIsNotASuspect() {
		LeakSuspectAnalysis analysis = this.analyzer.analyze(series(Map.of(
				"[B", new long[] { 100, 104, 97, 103, 98, 105, 99, 102 })));
		assertThat(only(analysis).classification()).isEqualTo(Classification.STABLE);
		assertThat(analysis.suspects()).isEmpty();
	}

	@Test
	void noisyClassWithSmallUpwardDriftIsNotASuspect() {
		LeakSuspectAnalysis analysis = this.analyzer.analyze(series(Map.of(
				"[B", new long[] { 100, 103, 101, 104, 102, 105, 103 })));
		assertThat(analysis.suspects()).isEmpty();
	}

	@Test
	void largeSwingsWithoutDirectionAreFluctuating() {
		LeakSuspect swinging = only(this.analyzer.analyze(series(Map.of(
				"[C", new long[] { 100, 150, 90, 160, 100 }))));
		assertThat(swinging.classification()).isEqualTo(Classification.FLUCTUATING);
		assertThat(swinging.suspect()).isFalse();
	}

	@Test
	void shrinkingClassIsShrinking() {
		LeakSuspect shrinking = only(this.analyzer.analyze(series(Map.of(
				"[I", new long[] { 100, 90, 80, 85, 60 }))));
		assertThat(shrinking.classification()).isEqualTo(Classification.SHRINKING);
		assertThat(shrinking.bytesPerHour()).isNegative();
	}

	@Test
	void growthAcrossConsecutiveHistogramsMattersNotOnlyFirstVersusLast() {
		// same first and last as a steady leak, but one big jump at the end
		LeakSuspect jump = only(this.analyzer.analyze(series(Map.of(
				"a.Jump", new long[] { 10, 10, 10, 10, 10, 22 }))));
		assertThat(jump.classification()).isNotEqualTo(Classification.GROWING_STEADILY);
		assertThat(jump.increases()).isEqualTo(1);
		assertThat(jump.bytesPerHour()).isZero();
	}

	@Test
	void withTwoHistogramsJudgesFirstVersusLastWithLowerConfidence() {
		LeakSuspectAnalysis analysis = this.analyzer.analyze(series(Map.of(
				"a.Grew", new long[] { 10, 30 },
				"a.Same", new long[] { 50, 50 })));
		assertThat(analysis.firstVsLastOnly()).isTrue();
		assertThat(analysis.suspects()).singleElement().satisfies((suspect) -> {
			assertThat(suspect.className()).isEqualTo("a.Grew");
			assertThat(suspect.classification()).isEqualTo(Classification.GREW);
			assertThat(suspect.bytesPerHour()).isCloseTo(120.0 * MB, within(1.0));
		});
	}

	@Test
	void classesRetainedByFewerThanThreeHistogramsAreSkipped() {
		List<ClassHistogram> history = series(Map.of("a.Always", new long[] { 10, 12, 14, 16 }));
		List<ClassHistogram> withLateClass = new ArrayList<>(history.subList(0, 2));
		for (ClassHistogram histogram : history.subList(2, 4)) {
			List<ClassHistogramEntry> entries = new ArrayList<>(histogram.entries());
			entries.add(new ClassHistogramEntry("a.Late", null, 1, 50 * MB));
			withLateClass.add(new ClassHistogram(entries, 2, 0, 2, false, histogram.capturedAt(), Duration.ZERO));
		}
		assertThat(this.analyzer.analyze(withLateClass).classes()).extracting(LeakSuspect::className)
			.containsExactly("a.Always");
	}

	@Test
	void ordersHistoryByCaptureTime() {
		List<ClassHistogram> history = new ArrayList<>(series(Map.of("a.Leak", new long[] { 10, 12, 14, 16 })));
		java.util.Collections.reverse(history);
		LeakSuspect leak = only(this.analyzer.analyze(history));
		assertThat(leak.classification()).isEqualTo(Classification.GROWING_STEADILY);
		assertThat(leak.firstBytes()).isEqualTo(10 * MB);
	}

	@Test
	void fewerThanTwoHistogramsGiveAnEmptyAnalysis() {
		LeakSuspectAnalysis analysis = this.analyzer.analyze(series(Map.of("a.B", new long[] { 10 })));
		assertThat(analysis.classes()).isEmpty();
		assertThat(analysis.histogramCount()).isEqualTo(1);
	}

	private static LeakSuspect only(LeakSuspectAnalysis analysis) {
		assertThat(analysis.classes()).hasSize(1);
		return analysis.classes().get(0);
	}

	/**
	 * Builds one histogram every 10 minutes; values are in MiB, instance counts are the values times 1024.
	 */
	private static List<ClassHistogram> series(Map<String, long[]> megabytesByClass) {
		int length = megabytesByClass.values().iterator().next().length;
		List<ClassHistogram> history = new ArrayList<>();
		for (int i = 0; i < length; i++) {
			List<ClassHistogramEntry> entries = new ArrayList<>();
			for (Map.Entry<String, long[]> entry : megabytesByClass.entrySet()) {
				long megabytes = entry.getValue()[i];
				entries.add(new ClassHistogramEntry(entry.getKey(), null, megabytes * 1024, megabytes * MB));
			}
			long total = entries.stream().mapToLong(ClassHistogramEntry::bytes).sum();
			history.add(new ClassHistogram(entries, 0, total, entries.size(), false, T0.plus(Duration.ofMinutes(10L * i)),
					Duration.ZERO));
		}
		return history;
	}

}
