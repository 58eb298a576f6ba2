package dev.memoryaudit.trend.stats;

/**
 * An ordinary least-squares line {@code y = intercept + slope * x} from {@link LinearRegression}.
 *
 * @param slope least-squares slope, in y-units per x-unit
 * @param intercept least-squares intercept
 * @param rSquared coefficient of determination in {@code [0, 1]}; 0 when y is constant
 * @param n number of points
 */
public record LeastSquaresFit(double slope, double intercept, double rSquared, int n) {

	/**
	 * Returns the fitted value {@code intercept + slope * x}.
	 * @param x abscissa
	 * @return the value of the fitted line at {@code x}
	 */
	public double valueAt(double x) {
		return this.intercept + this.slope * x;
	}

}
