package dev.memoryaudit.retention;

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
	void missingRootSaysSo() {
		assertThat(RetentionAnalyzer.root(null)).startsWith("unknown");
	}

}
