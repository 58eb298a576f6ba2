package dev.memoryaudit.trend.stats;

/**
 * Mann–Kendall non-parametric test for a monotonic trend in a time-ordered series (H. B. Mann 1945; M. G. Kendall,
 * "Rank Correlation Methods", 1975; R. O. Gilbert, "Statistical Methods for Environmental Pollution Monitoring",
 * 1987, ch. 16).
 */
public final class MannKendall {

	/**
	 * Largest series length for which tie-free series get exact p-values from the permutation distribution of S.
	 */
	public static final int EXACT_MAX_N = 10;

	private MannKendall() {
	}

	/**
	 * Tests {@code y} (oldest first) for a monotonic trend. {@code S = Σ_{i<j} sign(y[j] - y[i])}, computed in
	 * O(n log n) as {@code n(n-1)/2 - tiedPairs - 2 · inversions}: a merge sort of a copy of {@code y} counts the
	 * inversions (pairs {@code i < j} with {@code y[i] > y[j]}, equal values are not inversions) and the sorted copy
	 * gives the tie groups (Knight's algorithm for Kendall's tau, with time as the tie-free first variable). Without
	 * ties and with {@code n <= EXACT_MAX_N}, p-values are exact:
	 * under "no trend" every ordering is equally likely and {@code S = n(n-1)/2 - 2 · inversions}, so
	 * {@code P(S >= s)} is the share of the {@code n!} permutations with at most {@code (n(n-1)/2 - s)/2} inversions,
	 * counted with Mahonian numbers. Otherwise they use the normal approximation with continuity correction:
	 * {@code P(S >= s) ≈ 1 - Φ((s - 1)/σ)}, {@code P(S <= s) ≈ Φ((s + 1)/σ)}, with the tie-corrected variance. The
	 * two-sided p-value is {@code min(1, 2 · min(pValueIncreasing, pValueDecreasing))}. A series whose values are all
	 * equal has variance 0 and gets S = 0, z = 0 and every p-value 1 (no evidence of any trend).
	 * @param y observations in time order, oldest first
	 * @return the test result
	 * @throws IllegalArgumentException if {@code y} has fewer than 2 values or a non-finite value
	 */
	public static MannKendallResult test(double[] y) {
		Checks.requireFinite(y, "y", 2);
		int n = y.length;
		double[] sorted = y.clone();
		long inversions = sortCountingInversions(sorted, new double[n], 0, n);
		int tieGroups = 0;
		long tieVarianceTerm = 0; // Σ t(t-1)(2t+5)
		long tiedPairs = 0; // Σ t(t-1)/2
		for (int start = 0; start < n;) {
			int end = start + 1;
			while (end < n && sorted[end] == sorted[start]) {
				end++;
			}
			long t = end - start;
			if (t > 1) {
				tieGroups++;
				tieVarianceTerm += t * (t - 1) * (2 * t + 5);
				tiedPairs += t * (t - 1) / 2;
			}
			start = end;
		}

		long nn = n;
		long pairs = nn * (nn - 1) / 2;
		long s = pairs - tiedPairs - 2 * inversions; // concordant - discordant; x (time) has no ties
		double variance = (nn * (nn - 1) * (2 * nn + 5) - tieVarianceTerm) / 18.0;
		double sigma = Math.sqrt(variance);
		double z = (variance == 0.0 || s == 0) ? 0.0 : (s > 0 ? (s - 1) / sigma : (s + 1) / sigma);
		boolean exact = tieGroups == 0 && n <= EXACT_MAX_N;

		double pIncreasing;
		double pDecreasing;
		if (variance == 0.0) {
			pIncreasing = 1.0;
			pDecreasing = 1.0;
		}
		else if (exact) {
			pIncreasing = exactUpperTail(n, s);
			pDecreasing = exactUpperTail(n, -s); // S is symmetric about 0
		}
		else {
			pIncreasing = StandardNormal.complementaryCdf((s - 1) / sigma);
			pDecreasing = StandardNormal.cdf((s + 1) / sigma);
		}
		double pValue = Math.min(1.0, 2.0 * Math.min(pIncreasing, pDecreasing));

		double untiedPairs = (double) (pairs - tiedPairs);
		double tau = (untiedPairs > 0) ? s / Math.sqrt(pairs * untiedPairs) : 0.0;
		return new MannKendallResult(s, variance, z, pValue, pIncreasing, pDecreasing, tau, n, tieGroups, exact);
	}

	/**
	 * Sorts {@code a[from, to)} ascending and returns the number of pairs {@code i < j} in that range with
	 * {@code a[i] > a[j]} (strict: equal values, including {@code -0.0} and {@code 0.0}, are not inversions). Merge
	 * sort, insertion sort below 16 elements; {@code buffer} is scratch of at least {@code to} elements.
	 */
	static long sortCountingInversions(double[] a, double[] buffer, int from, int to) {
		if (to - from <= INSERTION_SORT_MAX) {
			long inversions = 0;
			for (int i = from + 1; i < to; i++) {
				double value = a[i];
				int j = i - 1;
				while (j >= from && a[j] > value) {
					a[j + 1] = a[j];
					j--;
				}
				inversions += i - 1 - j;
				a[j + 1] = value;
			}
			return inversions;
		}
		int middle = (from + to) >>> 1;
		long inversions = sortCountingInversions(a, buffer, from, middle)
				+ sortCountingInversions(a, buffer, middle, to);
		if (a[middle - 1] <= a[middle]) {
			return inversions; // already in order: no pair across the halves is inverted
		}
		System.arraycopy(a, from, buffer, from, middle - from);
		int left = from;
		int right = middle;
		int out = from;
		while (left < middle && right < to) {
			if (a[right] < buffer[left]) {
				inversions += middle - left; // a[right] is smaller than every left value not yet merged
				a[out++] = a[right++];
			}
			else {
				a[out++] = buffer[left++];
			}
		}
		while (left < middle) {
			a[out++] = buffer[left++];
		}
		return inversions;
	}

	private static final int INSERTION_SORT_MAX = 16;

	/**
	 * Exact {@code P(S >= s)} for {@code n} distinct values under "no trend": the share of permutations with at most
	 * {@code (n(n-1)/2 - s) / 2} inversions.
	 */
	static double exactUpperTail(int n, long s) {
		long pairs = (long) n * (n - 1) / 2;
		long maxInversions = Math.floorDiv(pairs - s, 2);
		if (maxInversions < 0) {
			return 0.0;
		}
		if (maxInversions >= pairs) {
			return 1.0;
		}
		long[] counts = mahonian(n);
		long favourable = 0;
		long total = 0;
		for (int k = 0; k < counts.length; k++) {
			if (k <= maxInversions) {
				favourable += counts[k];
			}
			total += counts[k];
		}
		return (double) favourable / total;
	}

	/**
	 * Mahonian numbers: element {@code k} is the number of permutations of {@code n} items with exactly {@code k}
	 * inversions, for {@code k = 0 .. n(n-1)/2}; they sum to {@code n!} (exact in a long up to n = 20). Built with
	 * {@code M(m, k) = Σ_{i=0}^{min(k, m-1)} M(m-1, k-i)}: the m-th item adds between 0 and m-1 inversions.
	 */
	static long[] mahonian(int n) {
		if (n < 1 || n > 20) {
			throw new IllegalArgumentException("n must be in [1, 20] but is " + n);
		}
		long[] counts = { 1 };
		for (int m = 2; m <= n; m++) {
			long[] next = new long[counts.length + m - 1];
			for (int k = 0; k < counts.length; k++) {
				for (int added = 0; added < m; added++) {
					next[k + added] += counts[k];
				}
			}
			counts = next;
		}
		return counts;
	}

}
