package dev.memoryaudit.accuracy;

import java.util.List;
import java.util.Locale;

import dev.memoryaudit.trend.stats.LeastSquaresFit;
import dev.memoryaudit.trend.stats.LinearRegression;

/**
 * Baseline: least-squares slope of raw heap used over a sliding window, as simple dashboards and alert rules do. Alarm
 * when the slope exceeds a fraction of heap max per hour and the fit explains enough of the variance.
 */
public final class RawHeapSlopeDetector implements Detector {

	private final int window;

	private final double minSlopeOfMaxPerHour;

	private final double minR2;

	public RawHeapSlopeDetector(int window, double minSlopeOfMaxPerHour, double minR2) {
		this.window = window;
		this.minSlopeOfMaxPerHour = minSlopeOfMaxPerHour;
		this.minR2 = minR2;
	}

	@Override
	public List<String> alarms() {
		return List.of(String.format(Locale.ROOT, "raw heap OLS (%d ticks, > %.2f%%/h, r² > %.1f)", this.window,
				this.minSlopeOfMaxPerHour * 100, this.minR2));
	}

	@Override
	public List<boolean[]> replay(Trace trace) {
		List<TraceRow> rows = trace.rows();
		boolean[] alarm = new boolean[rows.size()];
		for (int i = this.window - 1; i < rows.size(); i++) {
			double[] x = new double[this.window];
			double[] y = new double[this.window];
			for (int k = 0; k < this.window; k++) {
				TraceRow row = rows.get(i - this.window + 1 + k);
				x[k] = row.epochMillis() / 3_600_000.0;
				y[k] = row.heapUsed();
			}
			LeastSquaresFit fit = LinearRegression.fit(x, y);
			alarm[i] = fit.slope() / rows.get(i).heapMax() > this.minSlopeOfMaxPerHour && fit.rSquared() > this.minR2;
		}
		return List.of(alarm);
	}

}
