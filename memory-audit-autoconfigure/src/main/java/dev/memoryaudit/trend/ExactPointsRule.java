package dev.memoryaudit.trend;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import dev.memoryaudit.snapshot.Snapshot;
import org.jspecify.annotations.Nullable;

/**
 * Rule {@value #NAME}: where there are exact measurements of the live set in the window (the collector's markings and
 * full collections, live histograms), they decide alone.
 */
final class ExactPointsRule implements VerdictRule {

	static final String NAME = "exact-points";

	@Override
	public String name() {
		return NAME;
	}

	/**
	 * Exact points decide alone where there are any: reclaimed floors carry residue, after-GC floors promoted
	 * garbage. Their trend is assessed over the whole window and, when that shows no growth or growth shaped like a
	 * step or a cache filling up, over the points of the last {@value #RECENT_TICKS} ticks, so that a leak that started
	 * within the window is not diluted by the level points before it, and one that goes on after a cache filled or a
	 * step is not taken for them (the recent points must then grow without such a shape themselves, and in each of
	 * their halves by more than the noise: the tail of a cache that approaches its cap slowly still grows, but its
	 * later half no longer stands out). Fewer points than a trend needs confirm nothing: growth on them, or of the after-GC floor, reads
	 * GROWING, unconfirmed; no growth on them reads STABLE.
	 */
	@Override
	public EvidenceGate.@Nullable Result decide(EvidenceContext c) {
		List<ReclaimedPoint> exact = c.exact();
		if (exact.isEmpty()) {
			return null;
		}
		SeriesAssessment liveSet = c.liveSet();
		TrendSeries liveSeries = c.liveSeries();
		Instant recentStart = recentStart(c.assessed());
		EvidenceContext.Evidence evidence = c.evidence();
		String sources = exact.stream()
			.map(ReclaimedPoint::source)
			.distinct()
			.collect(java.util.stream.Collectors.joining(", "));
		int needed = c.thresholds().minReclaimedPoints();
		ReclaimedPoint first = exact.get(0);
		ReclaimedPoint last = exact.get(exact.size() - 1);
		if (exact.size() < needed) {
			boolean grew = last.bytes() > first.bytes() + liveSeries.minimumGrowth();
			if (!grew && (exact.size() >= 2 || !liveSet.verdict().isGrowth())) {
				String why = String.format(Locale.ROOT, "the live set measured exactly (%s) did not grow: %s at %s, "
						+ "%s at %s", sources, Units.bytes(first.bytes()), first.time(), Units.bytes(last.bytes()),
						last.time());
				return sinceLastExact(c, liveSet, liveSeries, last, evidence, why);
			}
			String why = String.format(Locale.ROOT, "%d exact measurement(s) of the live set (%s) in the window, %d "
					+ "needed to tell a trend", exact.size(), sources, needed);
			return evidence.result(liveSet.withVerdict(Verdict.GROWING,
					(grew ? "the exact measurements rose from " + Units.bytes(first.bytes()) + " to "
							+ Units.bytes(last.bytes()) : "the after-GC floor grows (" + liveSet.reason() + ")")
							+ ", not yet confirmed: " + why),
					false, why);
		}
		List<ReclaimedPoint> used = exact;
		SeriesAssessment trend = c.reclaimedAssessor().assess(EvidenceContext.reclaimedSeries(exact, liveSeries));
		String shape = trend.verdict().isGrowth() ? shape(c, exact, exact) : null;
		String windowShape = null;
		if (!trend.verdict().isGrowth() || shape != null) {
			// the window as a whole shows no growth, or growth shaped like a step or a cache filling up: the points of
			// the last RECENT_TICKS ticks on their own may still show a leak that started, or went on, after it (a
			// listener leak beside a cache that filled at start-up: the filling makes the window's growth slow down)
			List<ReclaimedPoint> recent = exact.stream().filter((p) -> !p.time().isBefore(recentStart)).toList();
			if (recent.size() >= RECENT_MIN_POINTS && recent.size() < exact.size()) {
				SeriesAssessment recentTrend = recentGrowth(c, recent, exact, liveSeries);
				String recentShape = (recentTrend != null) ? shape(c, recent, exact) : null;
				boolean overrides = !trend.verdict().isGrowth()
						|| (recentShape == null && c.shapes().keepsPace(recent));
				if (recentTrend != null && overrides) {
					windowShape = shape;
					trend = recentTrend;
					used = recent;
					shape = recentShape;
				}
			}
		}
		String across = String.format(Locale.ROOT, "across %d exact measurements (%s)", used.size(), sources);
		if (trend.verdict().isGrowth()) {
			if (shape != null) {
				return evidence.result(EvidenceContext.renamed(trend, liveSet.series(), shape).withVerdict(Verdict.GROWING, shape),
						false, shape);
			}
			String after = (windowShape != null) ? " of the last " + RECENT_TICKS + " ticks, on their own (the window as "
					+ "a whole: " + windowShape + ")" : "";
			SeriesAssessment confirmed = EvidenceContext.renamed(trend, liveSet.series(),
					"live set measured exactly: " + trend.reason() + " " + across + after);
			return evidence.result(confirmed, true, String.format(Locale.ROOT,
					"the live set measured exactly grew %s%s (p=%.3g)", across, after, trend.pValue()));
		}
		String why = String.format(Locale.ROOT, "the live set measured exactly shows no significant growth %s (%s)",
				across, trend.reason());
		return sinceLastExact(c, EvidenceContext.renamed(trend, liveSet.series(), why), liveSeries, last, evidence, why);
	}

	/** Why growth of these points is not a leak (a step, or growth ever slower), or {@code null}. */
	private static @Nullable String shape(EvidenceContext c, List<ReclaimedPoint> points, List<ReclaimedPoint> all) {
		String step = c.shapes().stepNotGrowth(points, all);
		return (step != null) ? step : c.shapes().slowing(points);
	}

	/**
	 * Exact points that show no growth read STABLE, unless the after-GC floor has grown since the last of them: then
	 * the live set may have grown since, which only another exact point can tell (GROWING, unconfirmed; a
	 * confirmation takes one where the mode and the pause budget allow).
	 */
	private static EvidenceGate.Result sinceLastExact(EvidenceContext c, SeriesAssessment assessment,
			TrendSeries liveSeries, ReclaimedPoint last, EvidenceContext.Evidence evidence, String why) {
		SeriesAssessment since = c.assessor().assess(liveSeries.since(TrendAnalyzer.epochSeconds(last.time())));
		if (since.verdict().isGrowth()) {
			String again = why + "; the after-GC floor has grown since the last exact measurement at " + last.time()
					+ " (" + since.reason() + "), not yet confirmed";
			return evidence.result(assessment.withVerdict(Verdict.GROWING, again), false, again);
		}
		return evidence.result(assessment.withVerdict(Verdict.STABLE, why), false, why);
	}

	/**
	 * The trend of the recent exact points alone, when it shows growth that stands out: at least
	 * {@value #RECENT_MIN_POINTS} points, the one-sided Mann–Kendall test at {@value #RECENT_SIGNIFICANCE}, growth over
	 * their span above the noise factor times the noise of all exact points in the window (median absolute successive
	 * difference: a short monotone run cannot talk its own noise down) times {@code sqrt(12 / n)} from 12 points on,
	 * and a rate of at least {@value #RECENT_RATE_FACTOR} times the minimum growth rate (a second look at the same
	 * points needs a higher bar than the first).
	 * @return the assessment of the recent points, or {@code null} when they do not show such growth
	 */
	private static @Nullable SeriesAssessment recentGrowth(EvidenceContext c, List<ReclaimedPoint> recent,
			List<ReclaimedPoint> all, TrendSeries liveSeries) {
		SeriesAssessment trend = c.recentAssessor().assess(EvidenceContext.reclaimedSeries(recent, liveSeries));
		if (!trend.verdict().isGrowth() || trend.slopePerHour() == null || trend.windowStart() == null
				|| trend.windowEnd() == null) {
			return null;
		}
		double hours = Duration.between(trend.windowStart(), trend.windowEnd()).toMillis() / 3_600_000.0;
		double growth = trend.slopePerHour() * hours;
		Double ceiling = liveSeries.ceiling();
		boolean fastEnough = ceiling == null || ceiling <= 0
				|| trend.slopePerHour() / ceiling >= RECENT_RATE_FACTOR * c.thresholds().minGrowthRate();
		double bar = c.shapes().growthBar(all, recent.size());
		boolean aboveNoise = growth >= Math.max(liveSeries.minimumGrowth(), bar);
		return (fastEnough && aboveNoise) ? trend : null;
	}

	/** Recent exact points needed for their own trend. */
	static final int RECENT_MIN_POINTS = 5;

	/** One-sided Mann–Kendall p-value of the recent exact points' trend (the rate and noise bars come on top). */
	static final double RECENT_SIGNIFICANCE = 0.05;

	/** The recent exact points must grow at least this many times the minimum growth rate. */
	static final double RECENT_RATE_FACTOR = 1.5;

	/** Exact points of this many most recent ticks are also assessed on their own. */
	static final int RECENT_TICKS = 60;

	private static Instant recentStart(List<Snapshot> assessed) {
		int index = Math.max(0, assessed.size() - RECENT_TICKS);
		return assessed.isEmpty() ? Instant.MIN : assessed.get(index).time();
	}
}
