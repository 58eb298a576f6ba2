package dev.memoryaudit.trend.stats;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.IntFunction;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The O(n log n) S of {@link MannKendall#test(double[])} against the textbook O(n²) definition, kept here as the
 * reference.
 */
class MannKendallInversionCountTests {

	private static final int MAX_N = 2_000;

	/** The former implementation: {@code S = Σ_{i<j} sign(y[j] - y[i])} by comparing every pair. */
	static long quadraticS(double[] y) {
		long s = 0;
		for (int i = 0; i < y.length - 1; i++) {
			double yi = y[i];
			for (int j = i + 1; j < y.length; j++) {
				if (y[j] > yi) {
					s++;
				}
				else if (y[j] < yi) {
					s--;
				}
			}
		}
		return s;
	}

	/** Pairs {@code i < j} with {@code y[i] > y[j]}, by comparing every pair. */
	static long quadraticInversions(double[] y) {
		long inversions = 0;
		for (int i = 0; i < y.length - 1; i++) {
			for (int j = i + 1; j < y.length; j++) {
				if (y[i] > y[j]) {
					inversions++;
				}
			}
		}
		return inversions;
	}

	@Test
	void randomSeriesOfEverySizeMatchTheQuadraticS() {
		SplittableRandom random = new SplittableRandom(1);
		assertSameSForEverySize((n) -> random.doubles(n, -1e6, 1e6).toArray());
	}

	@Test
	void heavilyTiedSeriesOfEverySizeMatchTheQuadraticS() {
		SplittableRandom random = new SplittableRandom(2);
		// four distinct values, signed zeros among them: -0.0 and 0.0 compare equal, as in the quadratic loop
		double[] levels = { -0.0, 0.0, 1.5, -3 };
		assertSameSForEverySize((n) -> random.ints(n, 0, levels.length).mapToDouble((k) -> levels[k]).toArray());
	}

	@Test
	void trendingSeriesWithTiesOfEverySizeMatchTheQuadraticS() {
		SplittableRandom random = new SplittableRandom(3);
		// a rising staircase with noise: long runs of equal values and mostly concordant pairs
		assertSameSForEverySize((n) -> {
			double[] y = new double[n];
			for (int i = 0; i < n; i++) {
				y[i] = Math.floor(i / 7.0) + random.nextInt(3);
			}
			return y;
		});
	}

	@Test
	void constantSeriesOfEverySizeHaveZeroS() {
		assertSameSForEverySize((n) -> {
			double[] y = new double[n];
			Arrays.fill(y, 42.0);
			return y;
		});
	}

	@Test
	void sortedAndReversedSeriesHaveExtremeS() {
		for (int n : new int[] { 2, 15, 16, 17, 33, 1_440, MAX_N }) {
			double[] up = new double[n];
			double[] down = new double[n];
			for (int i = 0; i < n; i++) {
				up[i] = i;
				down[i] = n - i;
			}
			long pairs = (long) n * (n - 1) / 2;
			assertThat(MannKendall.test(up).s()).isEqualTo(pairs);
			assertThat(MannKendall.test(down).s()).isEqualTo(-pairs);
		}
	}

	@Test
	void inversionCountSortsAndCountsStrictInversionsForEverySize() {
		SplittableRandom random = new SplittableRandom(4);
		for (int n = 1; n <= MAX_N; n += (n < 100) ? 1 : 97) {
			double[] y = random.ints(n, 0, 1 + n / 3).asDoubleStream().toArray();
			double[] sorted = y.clone();
			long inversions = MannKendall.sortCountingInversions(sorted, new double[n], 0, n);
			double[] expected = y.clone();
			Arrays.sort(expected);
			assertThat(sorted).as("n = %d", n).containsExactly(expected);
			assertThat(inversions).as("n = %d", n).isEqualTo(quadraticInversions(y));
		}
	}

	private static void assertSameSForEverySize(IntFunction<double[]> series) {
		for (int n = 2; n <= MAX_N; n++) {
			double[] y = series.apply(n);
			double[] copy = y.clone();
			long expected = quadraticS(y);
			MannKendallResult result = MannKendall.test(y);
			assertThat(result.s()).as("n = %d", n).isEqualTo(expected);
			assertThat(y).as("input left unchanged").containsExactly(copy);
		}
	}

}
