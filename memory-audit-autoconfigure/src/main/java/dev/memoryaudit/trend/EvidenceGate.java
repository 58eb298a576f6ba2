package dev.memoryaudit.trend;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import dev.memoryaudit.histogram.ClassHistogram;
import dev.memoryaudit.histogram.LeakSuspect;
import dev.memoryaudit.histogram.LeakSuspectAnalyzer;
import dev.memoryaudit.snapshot.Snapshot;
import org.jspecify.annotations.Nullable;

/**
 * Decides whether growth of the live set stands on strong evidence.
 * <p>
 * The after-GC floor of the old generation rises with promoted objects that have since died until an old, mixed or
 * full collection reclaims them, so its growth alone is weak evidence. Growth is confirmed when:
 * <ol>
 * <li>the reclaimed floor (usage right after collections that reclaimed the old generation, or live histogram totals)
 * has enough points and trends upwards significantly; or</li>
 * <li>growth survived a reclaiming collection: the latest reclaimed point stands above the baseline by at least half
 * the growth the after-GC floor showed up to then, and by the series' minimum growth; or</li>
 * <li>a class grows steadily across at least three live histograms.</li>
 * </ol>
 * When a reclaiming collection took most of the growth back, the verdict is re-assessed on the points after it.
 * Unconfirmed growth reads GROWING with the reason, never LEAK_SUSPECTED.
 */
final class EvidenceGate {

	private final TrendThresholds thresholds;

	private final SeriesAssessor assessor;

	private final SeriesAssessor reclaimedAssessor;


	EvidenceGate(TrendThresholds thresholds, SeriesAssessor assessor, SeriesAssessor reclaimedAssessor) {
		this.thresholds = thresholds;
		this.assessor = assessor;
		this.reclaimedAssessor = reclaimedAssessor;
	}

	Result apply(SeriesAssessment liveSet, List<Snapshot> assessed, TrendSeries liveSeries,
			List<ClassHistogram> histograms, List<Confirmation> allConfirmations, String mode) {
		Instant windowStart = assessed.isEmpty() ? Instant.MAX : assessed.get(0).time();
		List<Confirmation> confirmations = allConfirmations.stream()
			.filter((c) -> !c.time().isBefore(windowStart))
			.toList();
		boolean notifications = assessed.stream().anyMatch((s) -> s.gc().notificationsAvailable());
		List<ReclaimedPoint> reclaimed = reclaimedPoints(assessed, histograms, windowStart, notifications);
		int reclaimingCollections = assessed.stream().mapToInt((s) -> s.gc().reclaimingCollections()).sum();
		Integer ticksSinceReclaim = ticksSinceReclaim(assessed);
		TrendSeries reclaimedSeries = reclaimedSeries(reclaimed, liveSeries);
		SeriesAssessment reclaimedTrend = (reclaimed.size() >= this.thresholds.minReclaimedPoints())
				? this.reclaimedAssessor.assess(reclaimedSeries) : null;
		Evidence evidence = new Evidence(reclaimingCollections, ticksSinceReclaim, reclaimed, reclaimedTrend, mode,
				confirmations);
		if (!notifications && assessed.stream().allMatch((s) -> "collection-usage".equals(s.liveSetSource()))) {
			return evidence.result(liveSet, liveSet.verdict().isGrowth(),
					"the live set is read after old-generation collections (collection usage), strong evidence");
		}
		if (reclaimedTrend != null && reclaimedTrend.verdict().isGrowth()) {
			return fromReclaimedTrend(liveSet, liveSeries, reclaimed, reclaimedTrend, evidence);
		}
		if (!liveSet.verdict().isGrowth()) {
			return evidence.result(liveSet, false, "no live-set growth to confirm");
		}
		String survived = survivedReclamation(liveSeries, reclaimed);
		if (survived != null) {
			return evidence.result(liveSet, true, survived);
		}
		String classGrowth = classGrowthAcrossLiveHistograms(histograms, windowStart);
		if (classGrowth != null) {
			return evidence.result(liveSet, true, classGrowth);
		}
		if (reclaimedTrend != null) {
			return fromReclaimedTrend(liveSet, liveSeries, reclaimed, reclaimedTrend, evidence);
		}
		ReclaimedPoint last = reclaimed.isEmpty() ? null : reclaimed.get(reclaimed.size() - 1);
		if (last != null && tookGrowthBack(liveSeries, last)) {
			return sinceLastReclamation(liveSet, liveSeries, last, evidence,
					"a reclaiming collection at %s took the growth back (floor %s)");
		}
		String why = (reclaimingCollections == 0)
				? "no old-generation collection in the last " + assessed.size() + " ticks"
				: String.format(Locale.ROOT, "only %d reclaimed-floor point(s) in the window, %d needed, and none "
						+ "shows the growth surviving a reclamation", reclaimed.size(),
						this.thresholds.minReclaimedPoints());
		return evidence.result(liveSet.withVerdict(Verdict.GROWING,
				"after-GC floor grows (" + liveSet.reason() + "), but the growth is unconfirmed: " + why), false, why);
	}

	/**
	 * With enough reclaimed-floor points, they decide: they are measured after the old generation was reclaimed, so
	 * they carry no promoted garbage.
	 */
	private Result fromReclaimedTrend(SeriesAssessment liveSet, TrendSeries liveSeries, List<ReclaimedPoint> reclaimed,
			SeriesAssessment reclaimedTrend, Evidence evidence) {
		String across = String.format(Locale.ROOT, "across %d old-generation reclamations", reclaimed.size());
		if (reclaimedTrend.verdict().isGrowth()) {
			SeriesAssessment confirmed = renamed(reclaimedTrend, liveSet.series(),
					"reclaimed floor " + reclaimedTrend.reason() + " " + across);
			return evidence.result(confirmed, true, String.format(Locale.ROOT,
					"the reclaimed floor grew %s (p=%.3g)", across, reclaimedTrend.pValue()));
		}
		if (!liveSet.verdict().isGrowth()) {
			return evidence.result(liveSet, false,
					"no live-set growth to confirm; no significant reclaimed-floor growth " + across);
		}
		return sinceLastReclamation(liveSet, liveSeries, reclaimed.get(reclaimed.size() - 1), evidence,
				"the reclaimed floor shows no significant growth " + across + " (p=" + String.format(Locale.ROOT,
						"%.2g", reclaimedTrend.pValue()) + "; last at %s, %s)");
	}

	private Result sinceLastReclamation(SeriesAssessment liveSet, TrendSeries liveSeries, ReclaimedPoint last,
			Evidence evidence, String whatHappened) {
		String happened = String.format(Locale.ROOT, whatHappened, last.time(), Units.bytes(last.bytes()));
		SeriesAssessment since = this.assessor.assess(liveSeries.since(TrendAnalyzer.epochSeconds(last.time())));
		if (!since.verdict().isGrowth()) {
			return evidence.result(liveSet.withVerdict(Verdict.STABLE, happened + "; since then " + since.reason()),
					false, "the after-GC growth was reclaimed: it was garbage promoted to the old generation");
		}
		return evidence.result(liveSet.withVerdict(Verdict.GROWING, happened + "; growing again since, not yet "
				+ "confirmed"), false, "growth since the last reclaiming collection at " + last.time()
						+ " is not yet confirmed");
	}

	private static SeriesAssessment renamed(SeriesAssessment assessment, String name, String reason) {
		return new SeriesAssessment(name, assessment.unit(), assessment.verdict(), reason, assessment.points(),
				assessment.windowStart(), assessment.windowEnd(), assessment.first(), assessment.last(),
				assessment.slopePerHour(), assessment.slopeOfCeilingPerHour(), assessment.recentSlopePerHour(),
				assessment.pValue(), assessment.tau(), assessment.noise(), assessment.ceiling(),
				assessment.exhaustionSeconds(), assessment.sparkline());
	}

	private static List<ReclaimedPoint> reclaimedPoints(List<Snapshot> assessed, List<ClassHistogram> histograms,
			Instant windowStart, boolean notifications) {
		List<ReclaimedPoint> points = new ArrayList<>();
		for (Snapshot snapshot : assessed) {
			Long floor = snapshot.gc().reclaimedFloor();
			if (floor != null) {
				points.add(new ReclaimedPoint(snapshot.time(), floor, "old-collection"));
			}
		}
		if (!notifications) {
			for (ClassHistogram histogram : histograms) {
				if (histogram.live() && !histogram.capturedAt().isBefore(windowStart)) {
					points.add(new ReclaimedPoint(histogram.capturedAt(), histogram.totalBytes(), "live-histogram"));
				}
			}
		}
		points.sort(Comparator.comparing(ReclaimedPoint::time));
		return points;
	}

	private static TrendSeries reclaimedSeries(List<ReclaimedPoint> points, TrendSeries liveSeries) {
		double[] times = new double[points.size()];
		double[] values = new double[points.size()];
		for (int i = 0; i < points.size(); i++) {
			times[i] = TrendAnalyzer.epochSeconds(points.get(i).time());
			values[i] = points.get(i).bytes();
		}
		return new TrendSeries("reclaimed-floor", "bytes", times, values, liveSeries.ceiling(),
				liveSeries.minimumGrowth());
	}

	private static @Nullable Integer ticksSinceReclaim(List<Snapshot> assessed) {
		for (int i = assessed.size() - 1; i >= 0; i--) {
			if (assessed.get(i).gc().reclaimingCollections() > 0) {
				return assessed.size() - 1 - i;
			}
		}
		return null;
	}

	/**
	 * Growth survived reclamations when a later reclaimed point stands above an earlier one by at least half the growth
	 * the after-GC floor showed between them, by the series' minimum growth and by the minimum growth rate. A single
	 * reclaimed point is not enough: compared with an after-GC floor it also confirms real growth that is about to
	 * level off (a cache filling to its cap), which the accuracy benchmark showed as false positives.
	 */
	private @Nullable String survivedReclamation(TrendSeries liveSeries, List<ReclaimedPoint> reclaimed) {
		if (reclaimed.size() < 2 || liveSeries.size() == 0) {
			return null;
		}
		ReclaimedPoint first = reclaimed.get(0);
		ReclaimedPoint last = reclaimed.get(reclaimed.size() - 1);
		double firstTime = TrendAnalyzer.epochSeconds(first.time());
		double lastTime = TrendAnalyzer.epochSeconds(last.time());
		if (lastTime <= firstTime) {
			return null;
		}
		double weakGrowth = maxBetween(liveSeries, firstTime, lastTime) - first.bytes();
		double survived = last.bytes() - first.bytes();
		if (!(weakGrowth > 0 && survived >= 0.5 * weakGrowth && survived >= liveSeries.minimumGrowth())) {
			return null;
		}
		Double ceiling = liveSeries.ceiling();
		double hours = (lastTime - firstTime) / 3600.0;
		if (ceiling != null && ceiling > 0 && survived / hours / ceiling < this.thresholds.minGrowthRate()) {
			return null;
		}
		return String.format(Locale.ROOT, "%s of growth survived the reclaiming collections from %s to %s (%s live then)",
				Units.bytes(survived), first.time(), last.time(), Units.bytes(last.bytes()));
	}

	private static double maxBetween(TrendSeries series, double from, double to) {
		double max = Double.NEGATIVE_INFINITY;
		for (int i = 0; i < series.size(); i++) {
			double time = series.times()[i];
			if (time >= from && time <= to) {
				max = Math.max(max, series.values()[i]);
			}
		}
		return max;
	}

	private static boolean tookGrowthBack(TrendSeries liveSeries, ReclaimedPoint last) {
		double lastTime = TrendAnalyzer.epochSeconds(last.time());
		double first = liveSeries.values()[0];
		double peak = maxBetween(liveSeries, liveSeries.times()[0], lastTime);
		return peak > first && last.bytes() <= first + 0.5 * (peak - first);
	}

	private static @Nullable String classGrowthAcrossLiveHistograms(List<ClassHistogram> histograms,
			Instant windowStart) {
		List<ClassHistogram> live = histograms.stream()
			.filter((h) -> h.live() && !h.capturedAt().isBefore(windowStart))
			.toList();
		if (live.size() < 3) {
			return null;
		}
		List<LeakSuspect> steady = new LeakSuspectAnalyzer().analyze(live)
			.suspects()
			.stream()
			.filter((suspect) -> suspect.classification() == LeakSuspect.Classification.GROWING_STEADILY)
			.toList();
		if (steady.isEmpty()) {
			return null;
		}
		return String.format(Locale.ROOT, "%s grows steadily across %d live histograms", steady.get(0).displayName(),
				live.size());
	}

	record Result(SeriesAssessment assessment, LiveSetEvidence evidence) {
	}

	private record Evidence(int reclaimingCollections, Integer ticksSinceReclaim, List<ReclaimedPoint> reclaimed,
			SeriesAssessment reclaimedTrend, String mode, List<Confirmation> confirmations) {

		Result result(SeriesAssessment assessment, boolean confirmed, String reason) {
			return new Result(assessment, new LiveSetEvidence(confirmed, reason, this.reclaimingCollections,
					this.ticksSinceReclaim, this.reclaimed, this.reclaimedTrend, this.mode, this.confirmations));
		}

	}

}
