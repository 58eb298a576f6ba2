package dev.memoryaudit.accuracy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.memoryaudit.trend.stats.LeastSquaresFit;
import dev.memoryaudit.trend.stats.LinearRegression;

/**
 * Baseline: JDK Mission Control's live-set rule, a least-squares slope of the heap after GC relative to heap max, here
 * over a sliding window of ticks. Alarm when the slope exceeds a fraction of heap max per hour.
 */
public final class AfterGcSlopeDetector implements Detector {

	private final int window;

	private final double minSlopeOfMaxPerHour;

	public AfterGcSlopeDetector(int window, double minSlopeOfMaxPerHour) {
		this.window = window;
		this.minSlopeOfMaxPerHour = minSlopeOfMaxPerHour;
	}

	@Override
	public List<String> alarms() {
		return List.of(String.format(Locale.ROOT, "JMC-style after-GC OLS (%d ticks, > %.2f%%/h)", this.window,
				this.minSlopeOfMaxPerHour * 100));
	}

	@Override
	public List<boolean[]> replay(Trace trace) {
		List<TraceRow> rows = trace.rows();
		boolean[] alarm = new boolean[rows.size()];
		for (int i = this.window - 1; i < rows.size(); i++) {
			List<double[]> points = new ArrayList<>();
			for (int k = i - this.window + 1; k <= i; k++) {
				TraceRow row = rows.get(k);
				if (row.afterGcFloor() != null) {
					points.add(new double[] { row.epochMillis() / 3_600_000.0, row.afterGcFloor() });
				}
			}
			if (points.size() < this.window / 2) {
				continue;
			}
			double[] x = points.stream().mapToDouble((p) -> p[0]).toArray();
			double[] y = points.stream().mapToDouble((p) -> p[1]).toArray();
			LeastSquaresFit fit = LinearRegression.fit(x, y);
			alarm[i] = fit.slope() / rows.get(i).heapMax() > this.minSlopeOfMaxPerHour;
		}
		return List.of(alarm);
	}

}
