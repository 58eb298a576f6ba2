package dev.memoryaudit.trend.stats;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

class QuantilesTests {

	@Test
	void medianOfOddCountIsMiddleValue() {
		// sorted: 1, 2, 5, 7, 9 -> middle (3rd) value is 5
		assertThat(Quantiles.median(new double[] { 7, 1, 9, 2, 5 })).isEqualTo(5.0);
	}

	@Test
	void medianOfEvenCountIsMeanOfMiddlePair() {
		// sorted: 1, 2, 4, 10 -> (2 + 4) / 2 = 3
		assertThat(Quantiles.median(new double[] { 10, 2, 1, 4 })).isEqualTo(3.0);
	}

	@Test
	void medianDoesNotMutateInput() {
		double[] values = { 3, 1, 2 };
		Quantiles.median(values);
		assertThat(values).containsExactly(3, 1, 2);
	}

	@Test
	void quantileInterpolatesLikeRType7() {
		double[] values = { 4, 1, 3, 2 };
		// R: quantile(1:4, 0.25) = 1.75 ; h = (4 - 1) * 0.25 = 0.75 -> 1 + 0.75 * (2 - 1)
		assertThat(Quantiles.quantile(values, 0.25)).isEqualTo(1.75);
		// h = 3 * 0.9 = 2.7 -> 3 + 0.7 * (4 - 3) = 3.7
		assertThat(Quantiles.quantile(values, 0.9)).isCloseTo(3.7, within(1e-12));
		assertThat(Quantiles.quantile(values, 0.0)).isEqualTo(1.0);
		assertThat(Quantiles.quantile(values, 1.0)).isEqualTo(4.0);
		assertThat(values).containsExactly(4, 1, 3, 2);
	}

	@Test
	void selectionAgreesWithSortingOnRandomAndTiedData() {
		Random random = new Random(42);
		for (int round = 0; round < 200; round++) {
			int n = 1 + random.nextInt(300);
			double[] values = new double[n];
			for (int i = 0; i < n; i++) {
				values[i] = (round % 2 == 0) ? random.nextGaussian() : random.nextInt(4); // odd rounds: heavy ties
			}
			double[] sorted = values.clone();
			Arrays.sort(sorted);
			double expected = (n % 2 == 1) ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
			assertThat(Quantiles.median(values)).isEqualTo(expected);
			int k = random.nextInt(n);
			assertThat(Quantiles.select(values.clone(), n, k)).isEqualTo(sorted[k]);
		}
	}

	@Test
	void rejectsEmptyNonFiniteAndBadProbability() {
		assertThatIllegalArgumentException().isThrownBy(() -> Quantiles.median(new double[0]));
		assertThatIllegalArgumentException().isThrownBy(() -> Quantiles.median(new double[] { 1, Double.NaN }));
		assertThatIllegalArgumentException().isThrownBy(() -> Quantiles.quantile(new double[] { 1 }, 1.5));
	}

}
