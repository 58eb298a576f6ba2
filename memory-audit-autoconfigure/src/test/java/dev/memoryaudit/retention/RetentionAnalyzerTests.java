package dev.memoryaudit.retention;

import java.util.List;

import dev.memoryaudit.histogram.LeakSuspect;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RetentionAnalyzerTests {

	@Test
	void jvmArrayNamesAreMadeReadable() {
		assertThat(RetentionAnalyzer.readable("[B")).isEqualTo("byte[]");
		assertThat(RetentionAnalyzer.readable("[[I")).isEqualTo("int[][]");
		assertThat(RetentionAnalyzer.readable("[Ljava.lang.Object;")).isEqualTo("java.lang.Object[]");
		assertThat(RetentionAnalyzer.readable("java.lang.String")).isEqualTo("java.lang.String");
	}

	@Test
	void lambdaHoldersDropTheirPerRunSuffix() {
		assertThat(RetentionAnalyzer.simple("a.b.Work$$Lambda$922.0x00007fe7044018a0")).isEqualTo("Work$$Lambda");
		assertThat(RetentionAnalyzer.simple("a.b.Work$Inner")).isEqualTo("Work$Inner");
	}

	@Test
	void missingRootSaysSo() {
		assertThat(RetentionAnalyzer.root(null)).isEqualTo(RetentionPath.NO_ROOT);
	}

	@Test
	void retainedByListsOnlyRootedPathsThroughEachSuspect() {
		LeakSuspect bytes = new LeakSuspect("[B", "byte[]", LeakSuspect.Classification.GROWING_STEADILY, 1, 2, 1, 1, 3,
				2);
		LeakSuspect strings = new LeakSuspect("java.lang.String", "java.lang.String",
				LeakSuspect.Classification.STABLE, 1, 1, 0, 0, 3, 0);
		RetentionPath rooted = new RetentionPath("byte[]", List.of("byte[]", "static X.F"), "static field X.F",
				"class loader data", 5, List.of("[B"), 0);
		RetentionPath unrooted = new RetentionPath("byte[]", List.of("byte[]"), RetentionPath.NO_ROOT,
				RetentionPath.NO_ROOT, 9, List.of("[B"), 0);
		assertThat(RetentionMonitor.retainedBy(List.of(bytes, strings), List.of(unrooted, rooted)))
			.containsOnlyKeys("[B")
			.extractingByKey("[B")
			.asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
			.containsExactly("static field X.F: byte[] <- static X.F (5 samples)");
	}

}
