package dev.memoryaudit.trend.stats;

/**
 * A robust straight-line fit {@code y = intercept + slope * x} from {@link TheilSen}, with the number of points used.
 *
 * @param slope median pairwise slope, in y-units per x-unit
 * @param intercept median of {@code y - slope * x}
 * @param n number of points the fit was computed from (at most {@link TheilSen#MAX_POINTS})
 */
public record LineFit(double slope, double intercept, int n) {

	/**
	 * Returns the fitted value {@code intercept + slope * x}.
	 * @param x abscissa
	 * @return the value of the fitted line at {@code x}
	 */
	public double valueAt(double x) {
		return this.intercept + this.slope * x;
	}

}
