package dev.memoryaudit.test;

import java.util.ArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.RepeatedTest;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The 100-in-a-row check of the documented defaults, not part of the default suite (the class name does not end in
 * {@code Tests}). Run with {@code ./mvnw -o -pl memory-audit-test test -Dtest=DeterminismCheck} and read the
 * {@code LeakCheck ...} lines in {@code target/surefire-reports/dev.memoryaudit.test.DeterminismCheck-output.txt}.
 */
class DeterminismCheck {

	private static final ArrayList<Object> RETAINED = new ArrayList<>();

	@AfterEach
	void clear() {
		RETAINED.clear();
		RETAINED.trimToSize();
	}

	@RepeatedTest(100)
	void nonLeakingBlockPasses() {
		LeakCheck.defaults().assertNoLeak(() -> {
			RETAINED.add(new byte[84]);
			RETAINED.add(String.valueOf(System.nanoTime()));
			if (RETAINED.size() > 200) {
				RETAINED.subList(0, 2).clear();
			}
		});
	}

	@RepeatedTest(100)
	void leakOf100BytesPerIterationIsCaught() {
		assertThatThrownBy(() -> LeakCheck.defaults().assertNoLeak(() -> RETAINED.add(new byte[84])))
			.isInstanceOf(AssertionError.class);
	}

}
