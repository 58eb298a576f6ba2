package dev.memoryaudit.histogram;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClassHistogramTests {

	@Test
	void copiesEntriesDefensively() {
		List<ClassHistogramEntry> entries = new ArrayList<>(List.of(new ClassHistogramEntry("[B", null, 1, 16)));
		ClassHistogram histogram = new ClassHistogram(entries, 1, 16, 1, false, Instant.EPOCH, Duration.ZERO);
		entries.add(new ClassHistogramEntry("[C", null, 1, 16));
		assertThat(histogram.entries()).hasSize(1);
	}

	@Test
	void entryReturnsNullForAbsentClass() {
		ClassHistogram histogram = new ClassHistogram(List.of(new ClassHistogramEntry("[B", null, 1, 16)), 1, 16, 1,
				false, Instant.EPOCH, Duration.ZERO);
		assertThat(histogram.entry("[C")).isNull();
	}

	@Test
	void entriesByClassNameSumsClassesLoadedBySeveralLoaders() {
		ClassHistogram histogram = new ClassHistogram(List.of(new ClassHistogramEntry("com.example.Foo", null, 3, 300),
				new ClassHistogramEntry("[B", null, 2, 200), new ClassHistogramEntry("com.example.Foo", null, 1, 100)),
				6, 600, 3, false, Instant.EPOCH, Duration.ZERO);
		assertThat(histogram.entriesByClassName()).containsEntry("com.example.Foo",
				new ClassHistogramEntry("com.example.Foo", null, 4, 400));
		assertThat(histogram.entry("com.example.Foo").bytes()).isEqualTo(300);
	}

}
