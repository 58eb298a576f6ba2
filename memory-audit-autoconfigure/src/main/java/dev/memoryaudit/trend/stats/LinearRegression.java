package dev.memoryaudit.trend.stats;

/**
 * Ordinary least-squares simple linear regression, the non-robust baseline the trend detectors are benchmarked against.
 */
public final class LinearRegression {

	private LinearRegression() {
	}

	/**
	 * Fits {@code y = intercept + slope * x} by least squares, using centred sums so that large abscissae (epoch
	 * milliseconds) do not cancel: {@code slope = Sxy / Sxx}, {@code intercept = ȳ - slope · x̄},
	 * {@code r² = Sxy² / (Sxx · Syy)}. If y is constant ({@code Syy = 0}) r² is reported as 0, following SciPy's
	 * {@code linregress}.
	 * @param x abscissae
	 * @param y observations, paired with {@code x}
	 * @return the fit
	 * @throws IllegalArgumentException if the arrays differ in length, have fewer than 2 points, hold non-finite
	 * values, or all {@code x} values are equal
	 */
	public static LeastSquaresFit fit(double[] x, double[] y) {
		Checks.requirePaired(x, y, 2);
		int n = x.length;
		double meanX = 0.0;
		double meanY = 0.0;
		for (int i = 0; i < n; i++) {
			meanX += x[i];
			meanY += y[i];
		}
		meanX /= n;
		meanY /= n;
		double sxx = 0.0;
		double sxy = 0.0;
		double syy = 0.0;
		for (int i = 0; i < n; i++) {
			double dx = x[i] - meanX;
			double dy = y[i] - meanY;
			sxx += dx * dx;
			sxy += dx * dy;
			syy += dy * dy;
		}
		if (sxx == 0.0) {
			throw new IllegalArgumentException("all x values are equal; the slope is undefined");
		}
		double slope = sxy / sxx;
		double intercept = meanY - slope * meanX;
		double rSquared = (syy == 0.0) ? 0.0 : Math.min(1.0, (sxy * sxy) / (sxx * syy));
		return new LeastSquaresFit(slope, intercept, rSquared, n);
	}

}
