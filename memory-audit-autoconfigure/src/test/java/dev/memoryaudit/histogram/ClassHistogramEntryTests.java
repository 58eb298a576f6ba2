package dev.memoryaudit.histogram;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ClassHistogramEntryTests {

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
		"[B | byte[]",
		"[C | char[]",
		"[Z | boolean[]",
		"[J | long[]",
		"[[I | int[][]",
		"[Ljava.lang.Object; | java.lang.Object[]",
		"[[Ljava.lang.annotation.Annotation; | java.lang.annotation.Annotation[][]",
		"java.lang.String | java.lang.String",
		"com.example.Foo$$Lambda/0x000000005e164210 | com.example.Foo$$Lambda/0x000000005e164210",
	})
	void displayNameTurnsArrayDescriptorsIntoSourceNames(String className, String expected) {
		assertThat(new ClassHistogramEntry(className, null, 1, 16).displayName()).isEqualTo(expected);
	}

	@ParameterizedTest
	@CsvSource({ "[", "[X", "[Ljava.lang.Object", "[L;" })
	void displayNameLeavesMalformedDescriptorsUnchanged(String className) {
		assertThat(new ClassHistogramEntry(className, null, 1, 16).displayName()).isEqualTo(className);
	}

	@Test
	void negativeCountsAreRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ClassHistogramEntry("[B", null, -1, 16));
	}

}
