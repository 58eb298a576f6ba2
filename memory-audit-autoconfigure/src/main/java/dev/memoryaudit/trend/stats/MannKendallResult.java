package dev.memoryaudit.trend.stats;

/**
 * Outcome of a {@link MannKendall} trend test on a time-ordered series.
 *
 * @param s Kendall's S: number of later-greater pairs minus number of later-smaller pairs
 * @param variance variance of S under "no trend", tie-corrected: {@code [n(n-1)(2n+5) - Σ t(t-1)(2t+5)] / 18}
 * @param z normal score with continuity correction: {@code (S - 1)/σ} if S &gt; 0, {@code (S + 1)/σ} if S &lt; 0,
 * else 0 (also 0 if the variance is 0)
 * @param pValue two-sided p-value for "there is a monotonic trend", i.e. {@code P(|S| >= |s|)}
 * @param pValueIncreasing one-sided p-value for an upward trend, {@code P(S >= s)}
 * @param pValueDecreasing one-sided p-value for a downward trend, {@code P(S <= s)}
 * @param tau Kendall's tau-b between the values and time, {@code S / sqrt(n0 (n0 - n1))} with {@code n0 = n(n-1)/2}
 * and {@code n1 = Σ t(t-1)/2}; equals tau-a {@code S / n0} when there are no ties; 0 if every value is equal
 * @param n number of observations
 * @param tieGroups number of distinct values that occur more than once
 * @param exact whether the p-values come from the exact permutation distribution of S ({@code n <=
 * MannKendall.EXACT_MAX_N} without ties) rather than the normal approximation
 */
public record MannKendallResult(long s, double variance, double z, double pValue, double pValueIncreasing,
		double pValueDecreasing, double tau, int n, int tieGroups, boolean exact) {
}
