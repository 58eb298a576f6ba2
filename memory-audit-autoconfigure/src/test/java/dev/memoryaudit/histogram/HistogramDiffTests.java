package dev.memoryaudit.histogram;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.memoryaudit.histogram.ClassDelta.Status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class HistogramDiffTests {

	private static final Instant T0 = Instant.parse("2025-01-01T10:00:00Z");

	@Test
	void sortsByByteGrowthAndComputesTotalsFromTotalLines() {
		ClassHistogram from = histogram(T0, 10, 1000, 4, entry("[B", 10, 500), entry("a.Grows", 5, 100),
				entry("a.Shrinks", 9, 300), entry("a.Same", 1, 16));
		ClassHistogram to = histogram(T0.plusSeconds(600), 30, 5000, 4, entry("[B", 12, 600), entry("a.Grows", 50, 1000),
				entry("a.Shrinks", 3, 100), entry("a.Same", 1, 16));
		HistogramDiff diff = HistogramDiff.between(from, to, 10);
		assertThat(diff.deltas()).extracting(ClassDelta::className)
			.containsExactly("a.Grows", "[B", "a.Same", "a.Shrinks");
		ClassDelta grows = diff.deltas().get(0);
		assertThat(grows).isEqualTo(new ClassDelta("a.Grows", "a.Grows", 5, 50, 45, 100, 1000, 900, Status.CHANGED));
		assertThat(diff.deltas().get(1).displayName()).isEqualTo("byte[]");
		assertThat(diff.deltas().get(2).status()).isEqualTo(Status.UNCHANGED);
		assertThat(diff.bytesDelta()).isEqualTo(4000);
		assertThat(diff.instancesDelta()).isEqualTo(20);
		assertThat(diff.elapsed()).isEqualTo(Duration.ofMinutes(10));
		assertThat(diff.modesDiffer()).isFalse();
	}

	@Test
	void classesMissingFromCompleteHistogramsAreNewOrVanished() {
		ClassHistogram from = histogram(T0, 2, 200, 2, entry("a.Old", 1, 100), entry("a.Kept", 1, 100));
		ClassHistogram to = histogram(T0.plusSeconds(60), 2, 300, 2, entry("a.Fresh", 1, 200), entry("a.Kept", 1, 100));
		HistogramDiff diff = HistogramDiff.between(from, to, 10);
		assertThat(status(diff, "a.Fresh")).isEqualTo(Status.NEW);
		assertThat(status(diff, "a.Old")).isEqualTo(Status.VANISHED);
		assertThat(diff.newClasses()).containsExactly("a.Fresh");
		assertThat(diff.vanishedClasses()).containsExactly("a.Old");
		assertThat(diff.newClassCount()).isEqualTo(1);
		assertThat(diff.vanishedClassCount()).isEqualTo(1);
		assertThat(diff.deltas()).allMatch(ClassDelta::exact);
	}

	@Test
	void classesMissingFromTruncatedHistogramsAreBelowCutoffNotNewOrVanished() {
		// both histograms kept 2 of 50 classes
		ClassHistogram from = histogram(T0, 100, 10_000, 50, entry("a.Big", 10, 5000), entry("a.Fading", 5, 2000));
		ClassHistogram to = histogram(T0.plusSeconds(60), 100, 20_000, 50, entry("a.Big", 10, 5000),
				entry("a.Rising", 90, 9000));
		HistogramDiff diff = HistogramDiff.between(from, to, 10);
		assertThat(status(diff, "a.Rising")).isEqualTo(Status.ENTERED_TOP);
		assertThat(status(diff, "a.Fading")).isEqualTo(Status.LEFT_TOP);
		assertThat(diff.newClasses()).isEmpty();
		assertThat(diff.vanishedClasses()).isEmpty();
		assertThat(diff.deltas()).filteredOn((delta) -> !delta.exact())
			.extracting(ClassDelta::className)
			.containsExactlyInAnyOrder("a.Rising", "a.Fading");
	}

	@Test
	void limitCapsDeltasAndNameListsButNotCounts() {
		ClassHistogram from = histogram(T0, 1, 16, 1, entry("a.Base", 1, 16));
		ClassHistogram to = histogram(T0, 4, 64, 4, entry("a.Base", 1, 16), entry("a.N1", 1, 300), entry("a.N2", 1, 200),
				entry("a.N3", 1, 100));
		HistogramDiff diff = HistogramDiff.between(from, to, 2);
		assertThat(diff.deltas()).extracting(ClassDelta::className).containsExactly("a.N1", "a.N2");
		assertThat(diff.newClasses()).containsExactly("a.N1", "a.N2");
		assertThat(diff.newClassCount()).isEqualTo(3);
	}

	@Test
	void flagsComparisonOfLiveWithAllObjectsHistogram() {
		ClassHistogram all = histogram(T0, 1, 16, 1, entry("a.B", 1, 16));
		ClassHistogram live = new ClassHistogram(all.entries(), 1, 16, 1, true, T0, Duration.ZERO);
		assertThat(HistogramDiff.between(all, live, 5).modesDiffer()).isTrue();
	}

	@Test
	void sumsClassesLoadedBySeveralLoaders() {
		ClassHistogram from = histogram(T0, 1, 100, 1, entry("a.Dup", 1, 100));
		ClassHistogram to = histogram(T0, 2, 300, 2, entry("a.Dup", 1, 200), entry("a.Dup", 1, 100));
		ClassDelta delta = HistogramDiff.between(from, to, 5).deltas().get(0);
		assertThat(delta.toBytes()).isEqualTo(300);
		assertThat(delta.toInstances()).isEqualTo(2);
	}

	@Test
	void rejectsNegativeLimit() {
		ClassHistogram histogram = histogram(T0, 1, 16, 1, entry("a.B", 1, 16));
		assertThatIllegalArgumentException().isThrownBy(() -> HistogramDiff.between(histogram, histogram, -1));
	}

	private static Status status(HistogramDiff diff, String className) {
		return diff.deltas().stream().filter((d) -> d.className().equals(className)).findFirst().orElseThrow().status();
	}

	static ClassHistogramEntry entry(String className, long instances, long bytes) {
		return new ClassHistogramEntry(className, null, instances, bytes);
	}

	static ClassHistogram histogram(Instant at, long totalInstances, long totalBytes, int classCount,
			ClassHistogramEntry... entries) {
		return new ClassHistogram(List.of(entries), totalInstances, totalBytes, classCount, false, at, Duration.ZERO);
	}

}
