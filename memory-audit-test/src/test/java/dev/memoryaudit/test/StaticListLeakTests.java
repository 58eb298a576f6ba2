package dev.memoryaudit.test;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.RepeatedTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A static list that only grows, caught by {@link LeakCheck} with its defaults; 100 bytes per iteration
 * ({@code byte[84]}: 16 header + 84 data), the size the defaults are documented to catch.
 */
class StaticListLeakTests {

	private static final ArrayList<byte[]> RECENT = new ArrayList<>();

	@AfterEach
	void clear() {
		RECENT.clear();
		RECENT.trimToSize();
	}

	@RepeatedTest(20)
	void leakOf100BytesPerIterationFails() {
		assertThatThrownBy(() -> LeakCheck.defaults().assertNoLeak(() -> RECENT.add(new byte[84])))
			.isInstanceOf(AssertionError.class)
			.hasMessageContaining("Leak suspected")
			.hasMessageContaining("bytes per iteration (Theil-Sen), above the limit of 32.0")
			.hasMessageContaining("in 2 of 2 round(s)")
			.hasMessageContaining("Top growing classes")
			.hasMessageMatching("(?s).*Top growing classes[^\\n]*\\n\\s+\\+[\\d,]+ B\\s+\\+10,0\\d\\d instances\\s+10\\d\\.\\d B/iteration  byte\\[\\].*");
	}

	@RepeatedTest(20)
	void boundedListPasses() {
		LeakReport report = LeakCheck.defaults().assertNoLeak(() -> {
			RECENT.add(new byte[84]);
			if (RECENT.size() > 100) {
				RECENT.remove(0);
			}
		});
		assertThat(report.leakSuspected()).isFalse();
		assertThat(report.lastRound().bytesPerIteration()).isLessThan(32);
	}

}
