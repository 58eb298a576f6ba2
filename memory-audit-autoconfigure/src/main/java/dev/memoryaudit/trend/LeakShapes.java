package dev.memoryaudit.trend;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import dev.memoryaudit.trend.stats.LinearRegression;
import dev.memoryaudit.trend.stats.TheilSen;
import org.jspecify.annotations.Nullable;

/**
 * Shapes of growth that are not a leak, whatever their statistics say: a step (reference data loaded once, then level)
 * and growth that keeps slowing down (a cache filling up to its cap). Checked on exact points and on reclaimed floors
 * before their growth confirms a leak.
 */
final class LeakShapes {

	private final TrendThresholds thresholds;

	LeakShapes(TrendThresholds thresholds) {
		this.thresholds = thresholds;
	}

	/**
	 * A step is not a leak: reference data reloaded once raises the reclaimed floor, which then holds level. When one
	 * step explains the reclaimed floor better than a straight line (smaller squared error), growth is confirmed only
	 * if the points after the step keep growing at no less than the saturation ratio of the overall slope, and at
	 * least three of them are needed to tell.
	 * @return why the growth is not confirmed, or {@code null} when it is not a step
	 */
	@Nullable String stepNotGrowth(List<ReclaimedPoint> reclaimed) {
		int n = reclaimed.size();
		TrendSeries series = EvidenceContext.reclaimedSeries(reclaimed, null, 0);
		double[] hours = SeriesAssessor.hoursSinceStart(series.times());
		double[] values = series.values();
		StepFit step = StepFit.best(hours, values);
		if (step == null || !(step.stepError() < step.lineError()) || step.after() <= step.before()) {
			return null;
		}
		ReclaimedPoint at = reclaimed.get(step.split());
		String stepped = String.format(Locale.ROOT, "%s stepped up by %s at %s", EvidenceContext.subject(reclaimed),
				Units.bytes((long) (step.after() - step.before())), at.time());
		int after = n - step.split();
		if (after < 3) {
			return stepped + String.format(Locale.ROOT, ", %d reclamation(s) since, 3 needed to tell a step from "
					+ "a leak", after);
		}
		double slopeAfter = TheilSen.fit(Arrays.copyOfRange(hours, step.split(), n),
				Arrays.copyOfRange(values, step.split(), n))
			.slope();
		double overall = TheilSen.fit(hours, values).slope();
		if (slopeAfter < this.thresholds.saturationRatio() * overall) {
			return stepped + String.format(Locale.ROOT, " and has held level since (%s/h across %d reclamations "
					+ "after it)", Units.bytes((long) slopeAfter), after);
		}
		return null;
	}

	/**
	 * A cache filling up to its cap grows fast, then ever slower; a leak keeps its pace. With at least five reclaimed
	 * points, growth is not confirmed while the later half's slope is below the saturation ratio of the earlier
	 * half's.
	 * @return why the growth is not confirmed, or {@code null} when it keeps its pace
	 */
	@Nullable String slowing(List<ReclaimedPoint> reclaimed) {
		int n = reclaimed.size();
		if (n < 5) {
			return null;
		}
		TrendSeries series = EvidenceContext.reclaimedSeries(reclaimed, null, 0);
		double[] hours = SeriesAssessor.hoursSinceStart(series.times());
		double[] values = series.values();
		int half = n / 2;
		double earlier = TheilSen.fit(Arrays.copyOfRange(hours, 0, half), Arrays.copyOfRange(values, 0, half))
			.slope();
		double later = TheilSen.fit(Arrays.copyOfRange(hours, half, n), Arrays.copyOfRange(values, half, n)).slope();
		if (earlier > 0 && later < this.thresholds.saturationRatio() * earlier) {
			return String.format(Locale.ROOT, "%s grows, but ever slower: %s/h across the later "
					+ "%d points against %s/h across the earlier %d (a cache filling up to its cap levels off "
					+ "like this; a leak keeps its pace)", EvidenceContext.subject(reclaimed), Units.bytes(later), n - half,
					Units.bytes(earlier), half);
		}
		return null;
	}

	/**
	 * The best single step (two levels) through a series, against a least-squares line.
	 *
	 * @param split index of the first point after the step
	 * @param before mean level before the step
	 * @param after mean level after it
	 * @param stepError squared error of the step model
	 * @param lineError squared error of the least-squares line
	 */
	record StepFit(int split, double before, double after, double stepError, double lineError) {

		static @Nullable StepFit best(double[] x, double[] y) {
			int n = y.length;
			if (n < 4) {
				return null;
			}
			double[] prefix = new double[n + 1];
			double[] prefixSquares = new double[n + 1];
			for (int i = 0; i < n; i++) {
				prefix[i + 1] = prefix[i] + y[i];
				prefixSquares[i + 1] = prefixSquares[i] + y[i] * y[i];
			}
			if (x[n - 1] == x[0]) {
				return null;
			}
			StepFit best = null;
			double spread = prefixSquares[n] - prefix[n] * prefix[n] / n;
			double lineError = spread * (1 - LinearRegression.fit(x, y).rSquared());
			for (int k = 2; k <= n - 2; k++) {
				double leftMean = prefix[k] / k;
				double rightMean = (prefix[n] - prefix[k]) / (n - k);
				double error = (prefixSquares[k] - k * leftMean * leftMean)
						+ (prefixSquares[n] - prefixSquares[k] - (n - k) * rightMean * rightMean);
				if (best == null || error < best.stepError()) {
					best = new StepFit(k, leftMean, rightMean, error, lineError);
				}
			}
			return best;
		}

	}

}
