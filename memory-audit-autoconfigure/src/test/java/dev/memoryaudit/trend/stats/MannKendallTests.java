package dev.memoryaudit.trend.stats;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

class MannKendallTests {

	@Test
	void mahonianNumbersMatchKnownRows() {
		// permutations of 4 by inversion count: 1, 3, 5, 6, 5, 3, 1 (OEIS A008302), summing to 4! = 24
		assertThat(MannKendall.mahonian(4)).containsExactly(1, 3, 5, 6, 5, 3, 1);
		assertThat(MannKendall.mahonian(5)).containsExactly(1, 4, 9, 15, 20, 22, 20, 15, 9, 4, 1);
		assertThat(Arrays.stream(MannKendall.mahonian(10)).sum()).isEqualTo(3_628_800L);
	}

	@Test
	void strictlyIncreasingFiveValuesExact() {
		// n = 5: all 10 pairs increase, S = 10. Only the identity permutation (0 inversions) reaches S = 10,
		// so P(S >= 10) = 1/120 = 0.008333; two-sided 2/120 = 0.016667.
		// Var = 5*4*15/18 = 16.6667 ; z = (10 - 1)/sqrt(16.6667) = 2.20454 ; tau = 10/10 = 1
		MannKendallResult r = MannKendall.test(new double[] { 1, 2, 3, 4, 5 });
		assertThat(r.s()).isEqualTo(10);
		assertThat(r.exact()).isTrue();
		assertThat(r.pValueIncreasing()).isCloseTo(1.0 / 120, within(1e-15));
		assertThat(r.pValue()).isCloseTo(2.0 / 120, within(1e-15));
		assertThat(r.pValueDecreasing()).isEqualTo(1.0);
		assertThat(r.variance()).isCloseTo(300.0 / 18, within(1e-12));
		assertThat(r.z()).isCloseTo(2.2045407685048604, within(1e-12));
		assertThat(r.tau()).isEqualTo(1.0);
		assertThat(r.n()).isEqualTo(5);
		assertThat(r.tieGroups()).isZero();
	}

	@Test
	void oneInversionExact() {
		// y = 1, 3, 2, 4, 5: one discordant pair (3, 2), nine concordant -> S = 9 - 1 = 8.
		// S = 10 - 2 * inversions, so S >= 8 <=> at most 1 inversion: (1 + 4) of 120 permutations -> 0.041667
		MannKendallResult r = MannKendall.test(new double[] { 1, 3, 2, 4, 5 });
		assertThat(r.s()).isEqualTo(8);
		assertThat(r.pValueIncreasing()).isCloseTo(5.0 / 120, within(1e-15));
		assertThat(r.pValue()).isCloseTo(10.0 / 120, within(1e-15));
		// P(S <= 8) = 1 - P(S = 10) = 119/120
		assertThat(r.pValueDecreasing()).isCloseTo(119.0 / 120, within(1e-15));
		assertThat(r.tau()).isCloseTo(0.8, within(1e-15));
	}

	@Test
	void decreasingSeriesIsTheMirrorImage() {
		MannKendallResult r = MannKendall.test(new double[] { 5, 4, 3, 2, 1 });
		assertThat(r.s()).isEqualTo(-10);
		assertThat(r.z()).isCloseTo(-2.2045407685048604, within(1e-12));
		assertThat(r.pValueIncreasing()).isEqualTo(1.0);
		assertThat(r.pValueDecreasing()).isCloseTo(1.0 / 120, within(1e-15));
		assertThat(r.tau()).isEqualTo(-1.0);
		// a long decreasing series, normal approximation: upward p-value is essentially 1
		double[] down = new double[200];
		for (int i = 0; i < down.length; i++) {
			down[i] = -i + Math.sin(i); // strictly decreasing: |sin(i+1) - sin(i)| <= 2 sin(0.5) = 0.959 < 1
		}
		MannKendallResult big = MannKendall.test(down);
		assertThat(big.s()).isNegative();
		assertThat(big.exact()).isFalse();
		assertThat(big.pValueIncreasing()).isGreaterThan(0.999999);
		assertThat(big.pValueDecreasing()).isLessThan(1e-10);
	}

	@Test
	void tiesUseTheNormalApproximationWithTieCorrectedVariance() {
		// y = 1, 2, 2, 3, 2, 4 (hand-worked; no published source used)
		// signs per i: i=1 (1): +,+,+,+,+ = 5 ; i=2 (2): 0,+,0,+ = 2 ; i=3 (2): +,0,+ = 2 ; i=4 (3): -,+ = 0 ;
		// i=5 (2): + = 1 -> S = 10 (11 concordant, 1 discordant, 3 tied pairs)
		// one tie group, value 2 with t = 3: Var = [6*5*17 - 3*2*11]/18 = (510 - 66)/18 = 24.6667
		// z = (10 - 1)/sqrt(24.6667) = 9/4.96655 = 1.81212 ; 1 - Φ(1.81212) = 0.0349837 ; two-sided 0.0699674
		// tau-b = 10 / sqrt(15 * (15 - 3)) = 10/sqrt(180) = 0.745356
		MannKendallResult r = MannKendall.test(new double[] { 1, 2, 2, 3, 2, 4 });
		assertThat(r.s()).isEqualTo(10);
		assertThat(r.exact()).isFalse();
		assertThat(r.tieGroups()).isEqualTo(1);
		assertThat(r.variance()).isCloseTo(444.0 / 18, within(1e-12));
		assertThat(r.z()).isCloseTo(1.8121213490778656, within(1e-12));
		assertThat(r.pValueIncreasing()).isCloseTo(0.03498372414922282, withinPercentage(1e-8));
		assertThat(r.pValue()).isCloseTo(0.06996744829844564, withinPercentage(1e-8));
		assertThat(r.tau()).isCloseTo(0.7453559924999299, within(1e-12));
	}

	@Test
	void longIncreasingSeriesHasTinyButPositivePValue() {
		// y = 0..99: S = 100*99/2 = 4950 ; Var = 100*99*205/18 = 112750 ; z = 4949/sqrt(112750) = 14.7387
		double[] y = new double[100];
		for (int i = 0; i < y.length; i++) {
			y[i] = i;
		}
		MannKendallResult r = MannKendall.test(y);
		assertThat(r.s()).isEqualTo(4950);
		assertThat(r.variance()).isEqualTo(112_750.0);
		assertThat(r.z()).isCloseTo(4949 / Math.sqrt(112_750), within(1e-12));
		assertThat(r.pValueIncreasing()).isPositive().isLessThan(1e-40);
	}

	@Test
	void constantSeriesShowsNoTrend() {
		MannKendallResult r = MannKendall.test(new double[] { 3, 3, 3, 3 });
		assertThat(r.s()).isZero();
		assertThat(r.variance()).isZero();
		assertThat(r.z()).isZero();
		assertThat(r.pValue()).isEqualTo(1.0);
		assertThat(r.pValueIncreasing()).isEqualTo(1.0);
		assertThat(r.tau()).isZero();
	}

	@Test
	void rejectsTooShortOrNonFinite() {
		assertThatIllegalArgumentException().isThrownBy(() -> MannKendall.test(new double[] { 1 }));
		assertThatIllegalArgumentException().isThrownBy(() -> MannKendall.test(new double[] { 1, Double.NaN }));
	}

}
