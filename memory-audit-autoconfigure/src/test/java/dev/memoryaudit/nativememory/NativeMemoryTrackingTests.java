package dev.memoryaudit.nativememory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import dev.memoryaudit.snapshot.FixedProcessProbe;
import dev.memoryaudit.snapshot.ProcessProbe;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NativeMemoryTrackingTests {

	static String resource(String name) throws IOException {
		try (InputStream in = NativeMemoryTrackingTests.class.getResourceAsStream(name)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	@Test
	void parsesARealJdk17Summary() throws IOException {
		NmtSummary summary = NmtSummaryParser.parse(resource("/nmt/jdk17-summary.txt"));
		assertThat(summary).isNotNull();
		assertThat(summary.committedByCategory()).containsKeys("java-heap", "class", "thread", "code", "gc",
				"symbol", "native-memory-tracking");
		assertThat(summary.committedBytes()).isPositive();
		long sum = summary.committedByCategory().values().stream().mapToLong(Long::longValue).sum();
		assertThat(sum).isBetween(summary.committedBytes() - 8 * 1024, summary.committedBytes() + 8 * 1024);
		assertThat(summary.reservedBytes()).isGreaterThan(summary.committedBytes());
	}

	@Test
	void parsesUnitsAndSlugs() {
		NmtSummary summary = NmtSummaryParser.parse("""
				Total: reserved=2MB, committed=1MB
				-                 Java Heap (reserved=1MB, committed=512KB)
				-        Shared class space (reserved=10B, committed=10B)
				""");
		assertThat(summary.reservedBytes()).isEqualTo(2 * 1024 * 1024);
		assertThat(summary.committedByCategory()).containsEntry("java-heap", 512L * 1024)
			.containsEntry("shared-class-space", 10L);
	}

	@Test
	void nmtOffInThisJvmSaysHowToTurnItOn() {
		NativeMemoryTracking tracking = new NativeMemoryTracking(new DiagnosticCommandNmtSource());
		assertThat(tracking.isEnabled()).isFalse();
		assertThat(tracking.unavailableReason())
			.isEqualTo("unavailable: NMT not enabled (-XX:NativeMemoryTracking=summary)");
		assertThat(tracking.sample()).isEmpty();
		assertThat(tracking.latest()).isNull();
	}

	@Test
	void failingCommandIsUnavailableWithoutFailing() {
		NativeMemoryTracking tracking = new NativeMemoryTracking(() -> {
			throw new javax.management.InstanceNotFoundException("no DiagnosticCommand");
		});
		assertThat(tracking.isEnabled()).isFalse();
		assertThat(tracking.unavailableReason()).contains("cannot run");
		assertThat(tracking.sample()).isEmpty();
	}

	@Test
	void nmtOnContributesCategoriesAndUnaccountedUsesItsTotal() throws IOException {
		String output = resource("/nmt/jdk17-summary.txt");
		NativeMemoryTracking tracking = new NativeMemoryTracking(() -> output);
		assertThat(tracking.isEnabled()).isTrue();
		assertThat(tracking.sample()).containsKeys("nmt.total", "nmt.java-heap", "nmt.thread");
		NativeMemory nativeMemory = new NativeMemory(probe(1_000_000_000L), tracking);
		NativeMemory.Figures figures = nativeMemory.figures();
		assertThat(figures.basis()).isEqualTo("nmt-committed");
		assertThat(figures.unaccountedBytes()).isEqualTo(1_000_000_000L - tracking.latest().committedBytes());
	}

	@Test
	void withoutNmtUnaccountedSubtractsWhatTheMxBeansAccountFor() {
		NativeMemory.Figures figures = new NativeMemory(probe(4_000_000_000L), null).figures();
		assertThat(figures.basis()).isEqualTo("mxbeans");
		assertThat(figures.accountedBytes()).isPositive();
		assertThat(figures.unaccountedBytes()).isEqualTo(4_000_000_000L - figures.accountedBytes());
	}

	@Test
	void withoutRssThereAreNoFigures() {
		assertThat(new NativeMemory(probe(null), null).figures()).isNull();
	}

	static ProcessProbe probe(@Nullable Long rss) {
		return new FixedProcessProbe(rss, null, null);
	}

}
