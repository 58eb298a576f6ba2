package dev.memoryaudit.test;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The decision rule of {@link LeakCheck} on synthetic samples, its validation and its handling of the block.
 */
class LeakCheckTests {

	private static List<LiveSetSample> samples(double bytesPerIteration, long... noise) {
		List<LiveSetSample> samples = new ArrayList<>();
		for (int i = 0; i < noise.length; i++) {
			long iteration = 1_000L * i;
			samples.add(new LiveSetSample(iteration, 10_000_000 + (long) (bytesPerIteration * iteration) + noise[i]));
		}
		return samples;
	}

	@Test
	void steadyGrowthAboveTheLimitIsSuspected() {
		LeakRound round = LeakCheck.assess(samples(100, 0, 300, -200, 0, 500, -100, 0, 200, 0, 100), 32, 0.01);
		assertThat(round.bytesPerIteration()).isBetween(99.0, 101.0);
		assertThat(round.pValue()).isLessThan(0.001);
		assertThat(round.leakSuspected()).isTrue();
	}

	@Test
	void growthBelowTheLimitIsNotSuspected() {
		LeakRound round = LeakCheck.assess(samples(20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), 32, 0.01);
		assertThat(round.leakSuspected()).isFalse();
	}

	@Test
	void oneStepIsNotSignificantGrowthAboveTheLimit() {
		// a cache filled once in the last interval: the slope is 0, whatever the step size
		LeakRound round = LeakCheck.assess(samples(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 5_000_000), 32, 0.01);
		assertThat(round.leakSuspected()).isFalse();
	}

	@Test
	void noisyFlatSeriesIsNotSuspected() {
		LeakRound round = LeakCheck.assess(samples(0, 40_000, -30_000, 20_000, -50_000, 10_000, 60_000, -20_000,
				30_000, -40_000, 50_000), 32, 0.01);
		assertThat(round.leakSuspected()).isFalse();
	}

	@Test
	void invalidSettingsNameTheSetting() {
		assertThatIllegalArgumentException().isThrownBy(() -> LeakCheck.defaults().samples(3))
			.withMessageContaining("samples must be between 4 and 1000, got 3");
		assertThatIllegalArgumentException().isThrownBy(() -> LeakCheck.iterations(5))
			.withMessageContaining("iterations must be at least samples - 1 (9), got 5");
		assertThatIllegalArgumentException().isThrownBy(() -> LeakCheck.defaults().maxBytesPerIteration(-1))
			.withMessageContaining("maxBytesPerIteration");
		assertThatIllegalArgumentException().isThrownBy(() -> LeakCheck.defaults().significance(0.5))
			.withMessageContaining("significance must be in (0, 0.5)");
	}

	@Test
	void exceptionsOfTheBlockPropagateUnchanged() {
		assertThatThrownBy(() -> LeakCheck.defaults().assertNoLeak(() -> {
			throw new java.io.IOException("disk gone");
		})).isInstanceOf(java.io.IOException.class).hasMessage("disk gone");
	}

	@Test
	void reportStatesItsRunTime() {
		List<String> lines = new ArrayList<>();
		LeakReport report = LeakCheck.iterations(100).warmup(10).log(lines::add).assertNoLeak(() -> {
		});
		assertThat(report.elapsed()).isPositive();
		assertThat(report.fullGcs()).isEqualTo(10);
		assertThat(lines).singleElement()
			.asString()
			.startsWith("LeakCheck passed: ")
			.contains("1 round(s) of 100 iterations after 10 warm-up, 10 full GCs via System.gc(), took ");
	}

}
