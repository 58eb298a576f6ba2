package dev.memoryaudit.trend;

import java.time.Instant;
import java.util.Locale;

import dev.memoryaudit.trend.stats.LineFit;
import dev.memoryaudit.trend.stats.MannKendall;
import dev.memoryaudit.trend.stats.MannKendallResult;
import dev.memoryaudit.trend.stats.TheilSen;

/**
 * Assesses one series: Theil–Sen slope, one-sided Mann–Kendall test, minimum growth against noise and ceiling, and a
 * no-saturation check so that a series that grew and levelled off (a cache filling to its cap, a warm-up plateau) is
 * not read as a leak.
 */
public final class SeriesAssessor {

	static final int SPARKLINE_WIDTH = 40;

	private final TrendThresholds thresholds;

	public SeriesAssessor(TrendThresholds thresholds) {
		this.thresholds = thresholds;
	}

	/**
	 * Assesses the series.
	 * @param series the points after warm-up, within the window and the current segment
	 * @return the assessment
	 */
	public SeriesAssessment assess(TrendSeries series) {
		int n = series.size();
		String sparkline = Sparkline.render(series.values(), SPARKLINE_WIDTH);
		Instant start = (n > 0) ? instant(series.times()[0]) : null;
		Instant end = (n > 0) ? instant(series.times()[n - 1]) : null;
		Double first = (n > 0) ? series.values()[0] : null;
		Double last = (n > 0) ? series.values()[n - 1] : null;
		if (n < this.thresholds.minPoints()) {
			return new SeriesAssessment(series.name(), series.unit(), Verdict.INSUFFICIENT_DATA,
					n + " of " + this.thresholds.minPoints() + " points needed after warm-up", n, start, end, first,
					last, null, null, null, null, null, null, series.ceiling(), null, sparkline);
		}
		double[] hours = hoursSinceStart(series.times());
		LineFit fit = TheilSen.fit(hours, series.values());
		MannKendallResult trend = MannKendall.test(series.values());
		double noise = TheilSen.residualScale(hours, series.values(), fit);
		double spanHours = hours[n - 1] - hours[0];
		double growth = fit.slope() * spanHours;
		Double ceiling = series.ceiling();
		Double slopeOfCeiling = (ceiling != null && ceiling > 0) ? fit.slope() / ceiling : null;
		TrendSeries recentSeries = series.tail(recentCount(n));
		double[] recentHours = hoursSinceStart(recentSeries.times());
		double recentSlope = TheilSen.fit(recentHours, recentSeries.values()).slope();
		Long exhaustion = exhaustionSeconds(fit, hours[n - 1], ceiling);
		Evidence evidence = new Evidence(series, n, start, end, first, last, fit.slope(), slopeOfCeiling, recentSlope,
				trend.pValueIncreasing(), trend.tau(), noise, exhaustion, sparkline);
		if (fit.slope() <= 0 || trend.pValueIncreasing() > this.thresholds.significance()) {
			return evidence.verdict(Verdict.STABLE,
					String.format(Locale.ROOT, "no significant upward trend (p=%.3g)", trend.pValueIncreasing()));
		}
		double minimum = Math.max(series.minimumGrowth(), this.thresholds.noiseFactor() * noise);
		if (growth < minimum) {
			return evidence.verdict(Verdict.STABLE, String.format(Locale.ROOT,
					"growth of %s over the window is below the minimum of %s (noise %s)", format(growth, series),
					format(minimum, series), format(noise, series)));
		}
		if (slopeOfCeiling != null && slopeOfCeiling < this.thresholds.minGrowthRate()) {
			return evidence.verdict(Verdict.STABLE, String.format(Locale.ROOT,
					"growth of %.3f%% of the ceiling per hour is below the minimum of %.3f%%", slopeOfCeiling * 100,
					this.thresholds.minGrowthRate() * 100));
		}
		if (recentSlope < this.thresholds.saturationRatio() * fit.slope()) {
			MannKendallResult recentTrend = MannKendall.test(recentSeries.values());
			if (recentTrend.pValueIncreasing() > this.thresholds.significance()) {
				return evidence.verdict(Verdict.STABLE, String.format(Locale.ROOT,
						"grew by %s, then levelled off (recent slope %s/h, not significant)", format(growth, series),
						format(recentSlope, series)));
			}
			return evidence.verdict(Verdict.GROWING,
					String.format(Locale.ROOT, "growing, but slowing: recent slope %s/h is below %.0f%% of %s/h",
							format(recentSlope, series), this.thresholds.saturationRatio() * 100,
							format(fit.slope(), series)));
		}
		return evidence.verdict(Verdict.LEAK_SUSPECTED,
				String.format(Locale.ROOT, "sustained growth of %s/h (p=%.3g) over %d points, not levelling off",
						format(fit.slope(), series), trend.pValueIncreasing(), n));
	}

	private int recentCount(int n) {
		int recent = (int) Math.ceil(n * this.thresholds.recentFraction());
		return Math.max(Math.max(recent, Math.min(n, this.thresholds.minPoints() / 2)), Math.min(n, 4));
	}

	private static Long exhaustionSeconds(LineFit fit, double lastHour, Double ceiling) {
		if (ceiling == null || fit.slope() <= 0) {
			return null;
		}
		double fittedNow = fit.intercept() + fit.slope() * lastHour;
		double hours = Math.max(0, (ceiling - fittedNow) / fit.slope());
		return (long) (hours * 3600);
	}

	static double[] hoursSinceStart(double[] epochSeconds) {
		double[] hours = new double[epochSeconds.length];
		for (int i = 0; i < hours.length; i++) {
			hours[i] = (epochSeconds[i] - epochSeconds[0]) / 3600.0;
		}
		return hours;
	}

	static Instant instant(double epochSeconds) {
		long seconds = (long) Math.floor(epochSeconds);
		return Instant.ofEpochSecond(seconds, (long) ((epochSeconds - seconds) * 1e9));
	}

	static String format(double value, TrendSeries series) {
		return Units.format(value, series.unit());
	}

	private record Evidence(TrendSeries series, int n, Instant start, Instant end, Double first, Double last,
			double slope, Double slopeOfCeiling, double recentSlope, double pValue, double tau, double noise,
			Long exhaustion, String sparkline) {

		SeriesAssessment verdict(Verdict verdict, String reason) {
			return new SeriesAssessment(this.series.name(), this.series.unit(), verdict, reason, this.n, this.start,
					this.end, this.first, this.last, this.slope, this.slopeOfCeiling, this.recentSlope, this.pValue,
					this.tau, this.noise, this.series.ceiling(), verdict.isGrowth() ? this.exhaustion : null,
					this.sparkline);
		}

	}

}
