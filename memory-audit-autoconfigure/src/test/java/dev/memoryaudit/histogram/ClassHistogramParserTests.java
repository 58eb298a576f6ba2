package dev.memoryaudit.histogram;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ClassHistogramParserTests {

	private static final Instant AT = Instant.parse("2025-01-01T10:00:00Z");

	private static final Duration TOOK = Duration.ofMillis(12);

	@Test
	void parsesRealJdk17MBeanOutput() throws IOException {
		HistogramParseResult result = parseResource("jdk17-all.txt", 1000);
		ClassHistogram histogram = result.histogram();
		assertThat(result.skippedLines()).isZero();
		assertThat(result.totalLinePresent()).isTrue();
		assertThat(histogram.totalInstances()).isEqualTo(169581);
		assertThat(histogram.totalBytes()).isEqualTo(11751272);
		assertThat(histogram.classCount()).isEqualTo(342);
		assertThat(histogram.entries().get(0)).isEqualTo(new ClassHistogramEntry("[I", "java.base@17.0.15", 18004, 4153672));
		assertThat(histogram.entry("[B")).isEqualTo(new ClassHistogramEntry("[B", "java.base@17.0.15", 32954, 2718720));
		assertThat(histogram.entry("[[I")).isEqualTo(new ClassHistogramEntry("[[I", "java.base@17.0.15", 5001, 160056));
		assertThat(histogram.entry("[Ljava.lang.Object;").displayName()).isEqualTo("java.lang.Object[]");
		assertThat(histogram.entry("jdk.proxy1.$Proxy1").module()).isEqualTo("jdk.proxy1");
		ClassHistogramEntry lambda = histogram.entry("Capture$$Lambda$228/0x00007f6150150208");
		assertThat(lambda).isEqualTo(new ClassHistogramEntry("Capture$$Lambda$228/0x00007f6150150208", null, 1, 16));
	}

	@Test
	void parsesRealJdk25MBeanOutputWithHiddenClassNames() throws IOException {
		ClassHistogram histogram = parseResource("jdk25-all.txt", 1000).histogram();
		assertThat(histogram.totalInstances()).isEqualTo(772785);
		assertThat(histogram.totalBytes()).isEqualTo(35809768);
		assertThat(histogram.entries().get(0)).isEqualTo(new ClassHistogramEntry("[B", "java.base@25.0.3", 235962, 13487120));
		assertThat(histogram.entry("com.sun.tools.javac.code.Symtab$$Lambda/0x000000005e0ecef8"))
			.isEqualTo(new ClassHistogramEntry("com.sun.tools.javac.code.Symtab$$Lambda/0x000000005e0ecef8",
					"jdk.compiler@25.0.3", 6724, 107584));
		assertThat(histogram.entry("Capture$$Lambda/0x000000005e164210").module()).isNull();
	}

	@Test
	void skipsTheJcmdPidLine() throws IOException {
		HistogramParseResult jdk17 = parseResource("jdk17-jcmd.txt", 1000);
		HistogramParseResult jdk25 = parseResource("jdk25-jcmd.txt", 1000);
		assertThat(jdk17.skippedLines()).isZero();
		assertThat(jdk17.histogram().totalBytes()).isEqualTo(9653088);
		assertThat(jdk17.histogram().entries().get(0)).isEqualTo(new ClassHistogramEntry("[I", "java.base@17.0.15", 17662, 4483960));
		assertThat(jdk25.skippedLines()).isZero();
		assertThat(jdk25.histogram().totalInstances()).isEqualTo(204113);
		assertThat(jdk25.histogram().entry("[B")).isEqualTo(new ClassHistogramEntry("[B", "java.base@25.0.3", 45506, 3119216));
	}

	@Test
	void parsesRealLiveHistogramsFromBothJdks() throws IOException {
		ClassHistogram jdk17 = parseResource("jdk17-live.txt", 1000).histogram();
		ClassHistogram jdk25 = parseResource("jdk25-live.txt", 1000).histogram();
		assertThat(jdk17.totalBytes()).isEqualTo(5954328);
		assertThat(jdk17.entry("java.lang.String").instances()).isEqualTo(22895);
		assertThat(jdk25.totalBytes()).isEqualTo(5874896);
		assertThat(jdk17.classCount()).isEqualTo(139);
		assertThat(jdk25.classCount()).isEqualTo(138);
	}

	@Test
	void keepsTopNByBytesButTotalsAndClassCountCoverEverything() throws IOException {
		ClassHistogram histogram = parseResource("jdk17-all.txt", 3).histogram();
		assertThat(histogram.entries()).extracting(ClassHistogramEntry::className)
			.containsExactly("[I", "[B", "java.lang.String");
		assertThat(histogram.classCount()).isEqualTo(342);
		assertThat(histogram.totalBytes()).isEqualTo(11751272);
		assertThat(histogram.truncated()).isTrue();
		assertThat(histogram.cutoffBytes()).isEqualTo(621096);
	}

	@Test
	void sortsEntriesByBytesEvenWhenInputIsUnsorted() {
		String text = """
				   1:             1             16  small.A
				   2:            10           9000  big.B
				   3:             5            500  mid.C
				""";
		ClassHistogram histogram = ClassHistogramParser.parse(text, 2, true, AT, TOOK);
		assertThat(histogram.entries()).extracting(ClassHistogramEntry::className).containsExactly("big.B", "mid.C");
	}

	@Test
	void computesTotalsWhenTotalLineIsMissing() {
		String text = """
				 num     #instances         #bytes  class name (module)
				-------------------------------------------------------
				   1:           100           1600  [B (java.base@17.0.15)
				   2:            10            240  java.lang.String (java.base@17.0.15)
				""";
		HistogramParseResult result = ClassHistogramParser.parseDetailed(text, 1, false, AT, TOOK);
		assertThat(result.totalLinePresent()).isFalse();
		assertThat(result.histogram().totalInstances()).isEqualTo(110);
		assertThat(result.histogram().totalBytes()).isEqualTo(1840);
		assertThat(result.histogram().entries()).hasSize(1);
	}

	@Test
	void handlesCrLfLineEndings() {
		String text = "4337:\r\n num     #instances         #bytes  class name (module)\r\n"
				+ "-------------------------------------------------------\r\n"
				+ "   1:         12345        1234567  [B (java.base@17.0.15)\r\n"
				+ "Total         12345        1234567\r\n";
		HistogramParseResult result = ClassHistogramParser.parseDetailed(text, 10, false, AT, TOOK);
		assertThat(result.skippedLines()).isZero();
		assertThat(result.histogram().entries())
			.containsExactly(new ClassHistogramEntry("[B", "java.base@17.0.15", 12345, 1234567));
	}

	@Test
	void skipsAndCountsGarbageLinesWithoutThrowing() {
		String text = """
				some banner printed by a wrapper
				   1:           100           1600  [B (java.base@17.0.15)
				   2:          lots           240  java.lang.String
				   3:   99999999999999999999    1  overflowing.Count

				Total           100           1600
				""";
		HistogramParseResult result = ClassHistogramParser.parseDetailed(text, 10, false, AT, TOOK);
		assertThat(result.skippedLines()).isEqualTo(3);
		assertThat(result.skippedSamples()).first().isEqualTo("some banner printed by a wrapper");
		assertThat(result.histogram().entries()).extracting(ClassHistogramEntry::className).containsExactly("[B");
	}

	@Test
	void keepsSpacesInsideClassNamesAndSplitsOffTheModule() {
		String text = """
				   1:             2             32  odd.Name With Spaces (app.module@1.0-SNAPSHOT)
				   2:             1             16  other.Name With Spaces
				""";
		ClassHistogram histogram = ClassHistogramParser.parse(text, 10, false, AT, TOOK);
		assertThat(histogram.entries()).containsExactly(
				new ClassHistogramEntry("odd.Name With Spaces", "app.module@1.0-SNAPSHOT", 2, 32),
				new ClassHistogramEntry("other.Name With Spaces", null, 1, 16));
	}

	@Test
	void recordsCaptureMetadata() {
		ClassHistogram histogram = ClassHistogramParser.parse("   1:  1  16  a.B", 5, true, AT, TOOK);
		assertThat(histogram.live()).isTrue();
		assertThat(histogram.capturedAt()).isEqualTo(AT);
		assertThat(histogram.captureDuration()).isEqualTo(TOOK);
		assertThat(histogram.truncated()).isFalse();
	}

	@Test
	void throwsOnlyWhenNoEntryParses() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ClassHistogramParser.parse("Unknown diagnostic command\n", 10, false, AT, TOOK))
			.withMessageContaining("No class histogram entry")
			.withMessageContaining("Unknown diagnostic command");
		assertThatIllegalArgumentException().isThrownBy(() -> ClassHistogramParser.parse("", 10, false, AT, TOOK))
			.withMessageContaining("empty text");
	}

	@Test
	void rejectsNonPositiveTopN() {
		assertThatIllegalArgumentException().isThrownBy(() -> ClassHistogramParser.parse("   1:  1  16  a.B", 0, true, AT, TOOK));
	}

	private HistogramParseResult parseResource(String name, int topN) throws IOException {
		try (InputStream in = getClass().getResourceAsStream("/histograms/" + name)) {
			assertThat(in).as(name).isNotNull();
			return ClassHistogramParser.parseDetailed(new String(in.readAllBytes(), StandardCharsets.UTF_8), topN,
					name.contains("live"), AT, TOOK);
		}
	}

}
