package dev.memoryaudit.trend;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import dev.memoryaudit.trend.stats.LinearRegression;
import dev.memoryaudit.trend.stats.Quantiles;
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
	 * A step is not a leak: reference data reloaded once (or a batch job's working set) raises the live set, which
	 * then holds level. When one step explains the points better than a straight line (smaller squared error), growth
	 * is confirmed only if the points after the step keep growing on their own: at no less than the saturation ratio
	 * of the overall slope and, after a jump larger than the noise and the trend before it explain, by more than
	 * their noise ({@link #trendNoise}: a slope fitted through three or four points after a step is mostly noise). At
	 * least three points after the step are needed to tell.
	 * @param reclaimed the points whose growth is in question
	 * @return why the growth is not confirmed, or {@code null} when it is not a step
	 */
	@Nullable String stepNotGrowth(List<ReclaimedPoint> reclaimed) {
		return stepNotGrowth(reclaimed, reclaimed);
	}

	/**
	 * As {@link #stepNotGrowth(List)}, with the noise taken from a longer run of points than those in question.
	 * @param reclaimed the points whose growth is in question
	 * @param noiseFrom the points to estimate the noise from (all points in the window)
	 * @return why the growth is not confirmed, or {@code null} when it is not a step
	 */
	@Nullable String stepNotGrowth(List<ReclaimedPoint> reclaimed, List<ReclaimedPoint> noiseFrom) {
		int n = reclaimed.size();
		TrendSeries series = EvidenceContext.reclaimedSeries(reclaimed, null, 0);
		double[] hours = SeriesAssessor.hoursSinceStart(series.times());
		double[] values = series.values();
		StepFit step = StepFit.best(hours, values);
		if (step == null || !(step.stepError() < step.lineError()) || step.after() <= step.before()) {
			return null;
		}
		int split = step.split();
		String stepped = String.format(Locale.ROOT, "%s stepped up by %s at %s", EvidenceContext.subject(reclaimed),
				Units.bytes((long) (step.after() - step.before())), reclaimed.get(split).time());
		int after = n - split;
		if (after < 3) {
			return stepped + String.format(Locale.ROOT, ", %d reclamation(s) since, 3 needed to tell a step from "
					+ "a leak", after);
		}
		double slopeAfter = slope(hours, values, split, n);
		double overall = TheilSen.fit(hours, values).slope();
		if (slopeAfter < this.thresholds.saturationRatio() * overall) {
			return stepped + String.format(Locale.ROOT, " and has held level since (%s/h across %d reclamations "
					+ "after it)", Units.bytes((long) slopeAfter), after);
		}
		// an abrupt jump (larger than two noisy points can differ by chance, beyond what the trend before it explains)
		// followed by points whose own growth is within their noise is a step too: a slope fitted through the three or
		// four points after a batch job's or a reload's jump is noise, however it compares with the small overall
		// slope a robust fit gives a step. The noise is measured around the trend (a leak's points differ by its
		// growth, the more the longer apart they are)
		double noise = trendNoise(noiseFrom);
		double slopeBefore = slope(hours, values, 0, split);
		double jump = values[split] - values[split - 1] - Math.max(0, slopeBefore) * (hours[split] - hours[split - 1]);
		double growthAfter = slopeAfter * (hours[n - 1] - hours[split]);
		if (jump > this.thresholds.noiseFactor() * Math.sqrt(2) * noise && growthAfter < noiseBar(noise, after)) {
			return stepped + String.format(Locale.ROOT, " at once and has held level since, within the noise (%s "
					+ "across %d reclamations after it)", Units.bytes((long) growthAfter), after);
		}
		return null;
	}

	/**
	 * The growth that a trend fitted through {@code points} points must show to stand out of the noise: the noise
	 * factor times the noise of {@code noiseFrom} ({@link #successiveDifferenceNoise}: a short monotone run cannot
	 * talk its own noise down) times {@code sqrt(12 / points)}, no lower than for 12 points. Theil–Sen's slope over n
	 * evenly spaced points has a standard error of about noise × sqrt(12 / n) / span.
	 * @param noiseFrom the points to estimate the noise from
	 * @param points the number of points the trend is fitted through
	 * @return the bar, in the points' unit
	 */
	double growthBar(List<ReclaimedPoint> noiseFrom, int points) {
		return noiseBar(successiveDifferenceNoise(noiseFrom), points);
	}

	/**
	 * The noise factor times {@code noise} times {@code sqrt(12 / points)}, no lower than for 12 points: the growth a
	 * Theil–Sen fit through that many points must show to stand out of a noise of that size.
	 */
	private double noiseBar(double noise, int points) {
		return this.thresholds.noiseFactor() * noise * Math.min(1, Math.sqrt(12.0 / Math.max(1, points)));
	}

	/**
	 * Robust noise of a series that may step: 1.4826 times the median absolute difference of successive values,
	 * divided by the square root of two. A steady trend adds to every difference, so on a trending series this is
	 * an upper bound (see {@link #detrendedNoise}).
	 */
	static double successiveDifferenceNoise(List<ReclaimedPoint> points) {
		if (points.size() < 3) {
			return 0;
		}
		double[] differences = differences(points);
		for (int i = 0; i < differences.length; i++) {
			differences[i] = Math.abs(differences[i]);
		}
		return noiseOfDifferences(differences);
	}

	/**
	 * Robust noise around a trend: 1.4826 times the median absolute deviation of the differences of successive values
	 * from what the Theil–Sen slope of all the points explains over their time apart, divided by the square root of
	 * two. A step is one large deviation, which the median leaves out; a leak's growth between points, however far
	 * apart, is taken out by the slope.
	 */
	static double trendNoise(List<ReclaimedPoint> points) {
		int n = points.size();
		if (n < 3) {
			return 0;
		}
		TrendSeries series = EvidenceContext.reclaimedSeries(points, null, 0);
		double[] hours = SeriesAssessor.hoursSinceStart(series.times());
		double[] values = series.values();
		if (hours[n - 1] == hours[0]) {
			return successiveDifferenceNoise(points);
		}
		double slope = TheilSen.fit(hours, values).slope();
		double[] deviations = new double[n - 1];
		for (int i = 1; i < n; i++) {
			deviations[i - 1] = Math.abs(values[i] - values[i - 1] - slope * (hours[i] - hours[i - 1]));
		}
		return noiseOfDifferences(deviations);
	}

	/**
	 * Robust noise of a series that may trend: 1.4826 times the median absolute deviation of the differences of
	 * successive values from their median (a steady trend shifts every difference alike), divided by the square root
	 * of two.
	 */
	static double detrendedNoise(List<ReclaimedPoint> points) {
		if (points.size() < 3) {
			return 0;
		}
		double[] deviations = differences(points);
		double median = Quantiles.median(deviations);
		for (int i = 0; i < deviations.length; i++) {
			deviations[i] = Math.abs(deviations[i] - median);
		}
		return noiseOfDifferences(deviations);
	}

	private static double[] differences(List<ReclaimedPoint> points) {
		double[] differences = new double[points.size() - 1];
		for (int i = 1; i < points.size(); i++) {
			differences[i - 1] = points.get(i).bytes() - points.get(i - 1).bytes();
		}
		return differences;
	}

	/**
	 * The noise of single values from absolute deviations of successive differences: 1.4826 times their median (the
	 * standard deviation of normal noise), divided by the square root of two (a difference carries two values' noise).
	 */
	private static double noiseOfDifferences(double[] absoluteDeviations) {
		return 1.4826 * Quantiles.median(absoluteDeviations) / Math.sqrt(2);
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
		double earlier = slope(hours, values, 0, half);
		double later = slope(hours, values, half, n);
		if (earlier > 0 && later < this.thresholds.saturationRatio() * earlier) {
			return String.format(Locale.ROOT, "%s grows, but ever slower: %s/h across the later "
					+ "%d points against %s/h across the earlier %d (a cache filling up to its cap levels off "
					+ "like this; a leak keeps its pace)", EvidenceContext.subject(reclaimed), Units.bytes(later), n - half,
					Units.bytes(earlier), half);
		}
		return null;
	}

	/**
	 * A leak keeps its pace: each half of the points grows, by its own Theil–Sen fit, by more than
	 * {@value #PACE_EVIDENCE} times the noise bar for its number of points, with the points' own noise
	 * ({@link #detrendedNoise}: they trend), and the later half at no less than {@value #PACE_RATIO} of the earlier
	 * half's pace.
	 * @param points the points in question
	 * @return whether both halves grow beyond their noise
	 */
	boolean keepsPace(List<ReclaimedPoint> points) {
		int n = points.size();
		if (n < 4) {
			return false;
		}
		TrendSeries series = EvidenceContext.reclaimedSeries(points, null, 0);
		double[] hours = SeriesAssessor.hoursSinceStart(series.times());
		double[] values = series.values();
		int half = n / 2;
		double noise = detrendedNoise(points);
		double earlier = slope(hours, values, 0, half);
		double later = slope(hours, values, half, n);
		return later >= PACE_RATIO * earlier && grows(hours, earlier, 0, half, noise)
				&& grows(hours, later, half, n, noise);
	}

	/**
	 * After growth that slowed down across the window, the later half of the recent points must grow at no less than
	 * this fraction of the earlier half's pace: the tail of a cache that approaches its cap still grows, ever slower.
	 */
	static final double PACE_RATIO = 0.75;

	/**
	 * Each half must grow by this many times the noise bar for its pace to be judged at all: near the noise, two
	 * halves' slopes compare at random.
	 */
	static final double PACE_EVIDENCE = 2;

	private static double slope(double[] hours, double[] values, int from, int to) {
		return TheilSen.fit(Arrays.copyOfRange(hours, from, to), Arrays.copyOfRange(values, from, to)).slope();
	}

	private boolean grows(double[] hours, double slope, int from, int to, double noise) {
		return slope * (hours[to - 1] - hours[from]) > PACE_EVIDENCE * noiseBar(noise, to - from);
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
