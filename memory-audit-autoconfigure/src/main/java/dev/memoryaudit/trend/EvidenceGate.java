package dev.memoryaudit.trend;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import dev.memoryaudit.histogram.ClassHistogram;
import dev.memoryaudit.histogram.LeakSuspect;
import dev.memoryaudit.histogram.LeakSuspectAnalyzer;
import dev.memoryaudit.snapshot.LiveSetMeasurement;
import dev.memoryaudit.snapshot.Snapshot;
import dev.memoryaudit.trend.stats.LinearRegression;
import dev.memoryaudit.trend.stats.TheilSen;
import org.jspecify.annotations.Nullable;

/**
 * Decides whether growth of the live set stands on strong evidence, strongest first.
 * <ol>
 * <li><b>Exact points</b>: the live set as the collector measured it (a G1, ZGC or Shenandoah marking, a full
 * collection) or a live class histogram did. With enough of them in the window, they decide alone: they carry no
 * promoted garbage and no mixed-collection residue.</li>
 * <li><b>Reclaimed floors</b>: usage right after collections that reclaimed the old generation, one point per
 * reclamation cycle; a G1 mixed phase leaves residue, so they are weaker. Growth is confirmed when they trend upwards
 * significantly, or when growth survived reclamations (a later reclaimed point stands above an earlier one by at
 * least half the growth the after-GC floor showed between them).</li>
 * <li>A class grows steadily across at least three live histograms.</li>
 * <li><b>After-GC floors</b> (after young collections too) are the weakest: they rise with promoted objects that have
 * since died, so their growth alone reads GROWING, unconfirmed, with the reason.</li>
 * </ol>
 * Growth shaped like a step or like a cache filling up to its cap is not confirmed at any level. When a reclaiming
 * collection took most of the growth back, the verdict is re-assessed on the points after it.
 */
final class EvidenceGate {

	private final TrendThresholds thresholds;

	private final SeriesAssessor assessor;

	private final SeriesAssessor reclaimedAssessor;


	private final SeriesAssessor recentAssessor;

	EvidenceGate(TrendThresholds thresholds, SeriesAssessor assessor, SeriesAssessor reclaimedAssessor) {
		this.recentAssessor = new SeriesAssessor(new TrendThresholds(thresholds.warmup(), thresholds.window(),
				RECENT_MIN_POINTS, RECENT_SIGNIFICANCE, thresholds.minGrowthRate(), thresholds.noiseFactor(),
				thresholds.saturationRatio(), 0.5, thresholds.minReclaimedPoints(), thresholds.reclaimedSignificance(),
				thresholds.leakWarmup()));
		this.thresholds = thresholds;
		this.assessor = assessor;
		this.reclaimedAssessor = reclaimedAssessor;
	}

	Result apply(SeriesAssessment liveSet, List<Snapshot> assessed, TrendSeries liveSeries,
			List<ClassHistogram> histograms, List<Confirmation> allConfirmations, String mode,
			@Nullable Instant startedAt) {
		Result result = decide(liveSet, assessed, liveSeries, histograms, allConfirmations, mode);
		if (!result.evidence().confirmed() || assessed.isEmpty()) {
			return result;
		}
		Snapshot last = assessed.get(assessed.size() - 1);
		Duration leakWarmup = this.thresholds.leakWarmup();
		boolean warmedUp = last.uptimeMillis() >= leakWarmup.toMillis()
				&& (startedAt == null || !last.time().isBefore(startedAt.plus(leakWarmup)));
		if (warmedUp) {
			return result;
		}
		String why = "leak verdicts wait for " + Units.duration(leakWarmup) + " after start (leak warm-up): caches "
				+ "and pools that fill after start-up grow like leaks until they are full";
		LiveSetEvidence evidence = result.evidence();
		SeriesAssessment assessment = result.assessment();
		return new Result(assessment.withVerdict(Verdict.GROWING, assessment.reason() + "; " + why),
				new LiveSetEvidence(false, evidence.reason() + "; " + why, evidence.reclaimingCollections(),
						evidence.ticksSinceReclaim(), evidence.reclaimedFloor(), evidence.reclaimedTrend(),
						evidence.confirmationMode(), evidence.confirmations()));
	}

	private Result decide(SeriesAssessment liveSet, List<Snapshot> assessed, TrendSeries liveSeries,
			List<ClassHistogram> histograms, List<Confirmation> allConfirmations, String mode) {
		Instant windowStart = assessed.isEmpty() ? Instant.MAX : assessed.get(0).time();
		List<Confirmation> confirmations = allConfirmations.stream()
			.filter((c) -> !c.time().isBefore(windowStart))
			.toList();
		boolean notifications = assessed.stream().anyMatch((s) -> s.gc().notificationsAvailable());
		List<ReclaimedPoint> exact = exactPoints(assessed, histograms, confirmations, windowStart);
		Cycles cycles = Cycles.of(assessed, exact);
		List<ReclaimedPoint> reclaimed = cycles.closed();
		int reclaimingCollections = assessed.stream().mapToInt((s) -> s.gc().reclaimingCollections()).sum();
		Integer ticksSinceReclaim = ticksSinceReclaim(assessed);
		TrendSeries reclaimedSeries = reclaimedSeries(reclaimed, liveSeries);
		SeriesAssessment reclaimedTrend = (reclaimed.size() >= this.thresholds.minReclaimedPoints())
				? this.reclaimedAssessor.assess(reclaimedSeries) : null;
		List<ReclaimedPoint> reported = new ArrayList<>(reclaimed);
		if (cycles.open() != null) {
			reported.add(cycles.open());
		}
		reported.addAll(exact);
		reported.sort(Comparator.comparing(ReclaimedPoint::time));
		Evidence evidence = new Evidence(reclaimingCollections, ticksSinceReclaim, reported, reclaimedTrend, mode,
				confirmations);
		if (!notifications && !assessed.isEmpty()
				&& assessed.stream().allMatch((s) -> "collection-usage".equals(s.liveSetSource()))) {
			return evidence.result(liveSet, liveSet.verdict().isGrowth(),
					"the live set is read after old-generation collections (collection usage), strong evidence");
		}
		if (!exact.isEmpty()) {
			return fromExactPoints(liveSet, liveSeries, exact, recentStart(assessed), evidence);
		}
		if (reclaimedTrend != null && reclaimedTrend.verdict().isGrowth()) {
			return fromReclaimedTrend(liveSet, liveSeries, reclaimed, reclaimedTrend, evidence);
		}
		if (!liveSet.verdict().isGrowth()) {
			return evidence.result(liveSet, false, "no live-set growth to confirm");
		}
		String survived = survivedReclamation(liveSeries, reclaimed);
		if (survived != null) {
			Result shape = notALeakShape(liveSet, liveSeries, reclaimed, evidence);
			return (shape != null) ? shape : evidence.result(liveSet, true, survived);
		}
		String classGrowth = classGrowthAcrossLiveHistograms(histograms, windowStart);
		if (classGrowth != null) {
			return evidence.result(liveSet, true, classGrowth);
		}
		if (reclaimedTrend != null) {
			return fromReclaimedTrend(liveSet, liveSeries, reclaimed, reclaimedTrend, evidence);
		}
		ReclaimedPoint last = (cycles.open() != null) ? cycles.open()
				: reclaimed.isEmpty() ? null : reclaimed.get(reclaimed.size() - 1);
		if (last != null && tookGrowthBack(liveSeries, last)) {
			return sinceLastReclamation(liveSet, liveSeries, last, evidence,
					"a reclaiming collection at %s took the growth back (floor %s)");
		}
		String why = (reclaimingCollections == 0)
				? "no old-generation collection in the last " + assessed.size() + " ticks"
				: String.format(Locale.ROOT, "only %d completed reclamation cycle(s) in the window, %d needed, and "
						+ "none shows the growth surviving a reclamation%s", reclaimed.size(),
						this.thresholds.minReclaimedPoints(),
						(cycles.open() != null) ? "; a reclamation cycle is still running" : "");
		return evidence.result(liveSet.withVerdict(Verdict.GROWING,
				"after-GC floor grows (" + liveSet.reason() + "), but the growth is unconfirmed: " + why), false, why);
	}

	/**
	 * With enough reclaimed-floor points, they decide: they are measured after the old generation was reclaimed, so
	 * they carry no promoted garbage.
	 */
	private Result fromReclaimedTrend(SeriesAssessment liveSet, TrendSeries liveSeries, List<ReclaimedPoint> reclaimed,
			SeriesAssessment reclaimedTrend, Evidence evidence) {
		return fromPoints(liveSet, liveSeries, reclaimed, reclaimedTrend, evidence, "the reclaimed floor",
				"reclaimed floor", "old-generation reclamations");
	}

	/**
	 * The decision on a series of points measured after the old generation was reclaimed (collection cycles, or live
	 * histograms): its growth, unless shaped like a step or a cache filling up, confirms a leak.
	 */
	private Result fromPoints(SeriesAssessment liveSet, TrendSeries liveSeries, List<ReclaimedPoint> points,
			SeriesAssessment trend, Evidence evidence, String subject, String label, String kind) {
		String across = String.format(Locale.ROOT, "across %d %s", points.size(), kind);
		if (trend.verdict().isGrowth()) {
			Result shape = notALeakShape(liveSet, liveSeries, points, evidence);
			if (shape != null) {
				return shape;
			}
			SeriesAssessment confirmed = renamed(trend, liveSet.series(), label + " " + trend.reason() + " " + across);
			return evidence.result(confirmed, true,
					String.format(Locale.ROOT, "%s grew %s (p=%.3g)", subject, across, trend.pValue()));
		}
		if (!liveSet.verdict().isGrowth()) {
			return evidence.result(liveSet, false,
					"no live-set growth to confirm; " + subject + " shows no significant growth " + across);
		}
		return sinceLastReclamation(liveSet, liveSeries, points.get(points.size() - 1), evidence,
				subject + " shows no significant growth " + across + " (p="
						+ String.format(Locale.ROOT, "%.2g", trend.pValue()) + "; last at %s, %s)");
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

	/**
	 * Exact measurements of the live set in the window: the collector's own (markings, full collections) from the
	 * snapshots' GC windows, and totals of live class histograms (confirmations and on-demand captures). They carry
	 * no promoted garbage and no mixed-collection residue, so they form a series of their own.
	 */
	private static List<ReclaimedPoint> exactPoints(List<Snapshot> assessed, List<ClassHistogram> histograms,
			List<Confirmation> confirmations, Instant windowStart) {
		List<ReclaimedPoint> points = new ArrayList<>();
		java.util.Set<Instant> seen = new java.util.HashSet<>();
		for (Snapshot snapshot : assessed) {
			for (LiveSetMeasurement measurement : snapshot.gc().measurements()) {
				if (!measurement.time().isBefore(windowStart) && seen.add(measurement.time())) {
					points.add(new ReclaimedPoint(measurement.time(), measurement.bytes(), measurement.source()));
				}
			}
		}
		for (ClassHistogram histogram : histograms) {
			if (histogram.live() && !histogram.capturedAt().isBefore(windowStart)
					&& seen.add(histogram.capturedAt())) {
				points.add(new ReclaimedPoint(histogram.capturedAt(), histogram.totalBytes(), ReclaimedPoint.LIVE_HISTOGRAM));
			}
		}
		for (Confirmation confirmation : confirmations) {
			if (confirmation.liveBytes() >= 0 && seen.add(confirmation.time())) {
				points.add(new ReclaimedPoint(confirmation.time(), confirmation.liveBytes(), ReclaimedPoint.LIVE_HISTOGRAM));
			}
		}
		points.sort(Comparator.comparing(ReclaimedPoint::time));
		return points;
	}

	/**
	 * Exact points decide alone where there are any: reclaimed floors carry residue, after-GC floors promoted
	 * garbage. Their trend is assessed over the whole window and, when that shows no growth, over the points of the
	 * last {@value #RECENT_TICKS} ticks, so that a leak that started within the window is not diluted by the level
	 * points before it. Fewer points than a trend needs confirm nothing: growth on them, or of the after-GC floor, reads
	 * GROWING, unconfirmed; no growth on them reads STABLE.
	 */
	private Result fromExactPoints(SeriesAssessment liveSet, TrendSeries liveSeries, List<ReclaimedPoint> exact,
			Instant recentStart, Evidence evidence) {
		String sources = exact.stream()
			.map(ReclaimedPoint::source)
			.distinct()
			.collect(java.util.stream.Collectors.joining(", "));
		int needed = this.thresholds.minReclaimedPoints();
		ReclaimedPoint first = exact.get(0);
		ReclaimedPoint last = exact.get(exact.size() - 1);
		if (exact.size() < needed) {
			boolean grew = last.bytes() > first.bytes() + liveSeries.minimumGrowth();
			if (!grew && (exact.size() >= 2 || !liveSet.verdict().isGrowth())) {
				String why = String.format(Locale.ROOT, "the live set measured exactly (%s) did not grow: %s at %s, "
						+ "%s at %s", sources, Units.bytes(first.bytes()), first.time(), Units.bytes(last.bytes()),
						last.time());
				return sinceLastExact(liveSet, liveSeries, last, evidence, why);
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
		SeriesAssessment trend = this.reclaimedAssessor.assess(reclaimedSeries(exact, liveSeries));
		if (!trend.verdict().isGrowth()) {
			List<ReclaimedPoint> recent = exact.stream().filter((p) -> !p.time().isBefore(recentStart)).toList();
			if (recent.size() >= RECENT_MIN_POINTS && recent.size() < exact.size()) {
				SeriesAssessment recentTrend = recentGrowth(recent, exact, liveSeries);
				if (recentTrend != null) {
					trend = recentTrend;
					used = recent;
				}
			}
		}
		String across = String.format(Locale.ROOT, "across %d exact measurements (%s)", used.size(), sources);
		if (trend.verdict().isGrowth()) {
			String shape = stepNotGrowth(used);
			if (shape == null) {
				shape = slowing(used);
			}
			if (shape != null) {
				return evidence.result(renamed(trend, liveSet.series(), shape).withVerdict(Verdict.GROWING, shape),
						false, shape);
			}
			SeriesAssessment confirmed = renamed(trend, liveSet.series(),
					"live set measured exactly: " + trend.reason() + " " + across);
			return evidence.result(confirmed, true, String.format(Locale.ROOT,
					"the live set measured exactly grew %s (p=%.3g)", across, trend.pValue()));
		}
		String why = String.format(Locale.ROOT, "the live set measured exactly shows no significant growth %s (%s)",
				across, trend.reason());
		return sinceLastExact(renamed(trend, liveSet.series(), why), liveSeries, last, evidence, why);
	}

	/**
	 * Exact points that show no growth read STABLE, unless the after-GC floor has grown since the last of them: then
	 * the live set may have grown since, which only another exact point can tell (GROWING, unconfirmed; a
	 * confirmation takes one where the mode and the pause budget allow).
	 */
	private Result sinceLastExact(SeriesAssessment assessment, TrendSeries liveSeries, ReclaimedPoint last,
			Evidence evidence, String why) {
		SeriesAssessment since = this.assessor.assess(liveSeries.since(TrendAnalyzer.epochSeconds(last.time())));
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
	private @Nullable SeriesAssessment recentGrowth(List<ReclaimedPoint> recent, List<ReclaimedPoint> all,
			TrendSeries liveSeries) {
		SeriesAssessment trend = this.recentAssessor.assess(reclaimedSeries(recent, liveSeries));
		if (!trend.verdict().isGrowth() || trend.slopePerHour() == null || trend.windowStart() == null
				|| trend.windowEnd() == null) {
			return null;
		}
		double hours = Duration.between(trend.windowStart(), trend.windowEnd()).toMillis() / 3_600_000.0;
		double growth = trend.slopePerHour() * hours;
		double noise = successiveDifferenceNoise(all);
		Double ceiling = liveSeries.ceiling();
		boolean fastEnough = ceiling == null || ceiling <= 0
				|| trend.slopePerHour() / ceiling >= RECENT_RATE_FACTOR * this.thresholds.minGrowthRate();
		// the bar is on the fitted growth, whose uncertainty shrinks with the number of points: Theil–Sen's slope over n
		// evenly spaced points has a standard error of about noise × sqrt(12 / n) / span (no lower for fewer than 12)
		double points = recent.size();
		double bar = this.thresholds.noiseFactor() * noise * Math.min(1, Math.sqrt(12 / points));
		boolean aboveNoise = growth >= Math.max(liveSeries.minimumGrowth(), bar);
		return (fastEnough && aboveNoise) ? trend : null;
	}

	/** Recent exact points needed for their own trend. */
	static final int RECENT_MIN_POINTS = 5;

	/** One-sided Mann–Kendall p-value of the recent exact points' trend (the rate and noise bars come on top). */
	static final double RECENT_SIGNIFICANCE = 0.05;

	/** The recent exact points must grow at least this many times the minimum growth rate. */
	static final double RECENT_RATE_FACTOR = 1.5;

	/**
	 * Robust noise of a series that may trend: 1.4826 times the median absolute difference of successive values,
	 * divided by the square root of two.
	 */
	static double successiveDifferenceNoise(List<ReclaimedPoint> points) {
		if (points.size() < 3) {
			return 0;
		}
		double[] differences = new double[points.size() - 1];
		for (int i = 1; i < points.size(); i++) {
			differences[i - 1] = Math.abs(points.get(i).bytes() - points.get(i - 1).bytes());
		}
		return 1.4826 * dev.memoryaudit.trend.stats.Quantiles.median(differences) / Math.sqrt(2);
	}

	/** Exact points of this many most recent ticks are also assessed on their own. */
	static final int RECENT_TICKS = 60;

	private static Instant recentStart(List<Snapshot> assessed) {
		int index = Math.max(0, assessed.size() - RECENT_TICKS);
		return assessed.isEmpty() ? Instant.MIN : assessed.get(index).time();
	}

	private static TrendSeries reclaimedSeries(List<ReclaimedPoint> points, TrendSeries liveSeries) {
		return reclaimedSeries(points, liveSeries.ceiling(), liveSeries.minimumGrowth());
	}

	private static TrendSeries reclaimedSeries(List<ReclaimedPoint> points, @Nullable Double ceiling,
			double minimumGrowth) {
		double[] times = new double[points.size()];
		double[] values = new double[points.size()];
		for (int i = 0; i < points.size(); i++) {
			times[i] = TrendAnalyzer.epochSeconds(points.get(i).time());
			values[i] = points.get(i).bytes();
		}
		return new TrendSeries("reclaimed-floor", "bytes", times, values, ceiling, minimumGrowth);
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

	/**
	 * Growth of the reclaimed floor that has the shape of a step or of a cache filling up is not confirmed.
	 * @return the unconfirmed result, or {@code null} when the shape does not rule out a leak
	 */
	private @Nullable Result notALeakShape(SeriesAssessment liveSet, TrendSeries liveSeries,
			List<ReclaimedPoint> reclaimed, Evidence evidence) {
		String step = stepNotGrowth(reclaimed);
		if (step != null) {
			return sinceLastReclamation(liveSet, liveSeries, reclaimed.get(reclaimed.size() - 1), evidence,
					step + "; last reclamation at %s, %s");
		}
		String slowing = slowing(reclaimed);
		if (slowing != null) {
			return evidence.result(liveSet.withVerdict(Verdict.GROWING, slowing), false, slowing);
		}
		return null;
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
		TrendSeries series = reclaimedSeries(reclaimed, null, 0);
		double[] hours = SeriesAssessor.hoursSinceStart(series.times());
		double[] values = series.values();
		StepFit step = StepFit.best(hours, values);
		if (step == null || !(step.stepError() < step.lineError()) || step.after() <= step.before()) {
			return null;
		}
		ReclaimedPoint at = reclaimed.get(step.split());
		String stepped = String.format(Locale.ROOT, "%s stepped up by %s at %s", subject(reclaimed),
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
	private @Nullable String slowing(List<ReclaimedPoint> reclaimed) {
		int n = reclaimed.size();
		if (n < 5) {
			return null;
		}
		TrendSeries series = reclaimedSeries(reclaimed, null, 0);
		double[] hours = SeriesAssessor.hoursSinceStart(series.times());
		double[] values = series.values();
		int half = n / 2;
		double earlier = TheilSen.fit(Arrays.copyOfRange(hours, 0, half), Arrays.copyOfRange(values, 0, half))
			.slope();
		double later = TheilSen.fit(Arrays.copyOfRange(hours, half, n), Arrays.copyOfRange(values, half, n)).slope();
		if (earlier > 0 && later < this.thresholds.saturationRatio() * earlier) {
			return String.format(Locale.ROOT, "%s grows, but ever slower: %s/h across the later "
					+ "%d points against %s/h across the earlier %d (a cache filling up to its cap levels off "
					+ "like this; a leak keeps its pace)", subject(reclaimed), Units.bytes(later), n - half,
					Units.bytes(earlier), half);
		}
		return null;
	}

	/**
	 * What a list of points measures, for the reasons: exact measurements or reclaimed floors.
	 */
	private static String subject(List<ReclaimedPoint> points) {
		return (!points.isEmpty() && points.stream().allMatch(ReclaimedPoint::exact)) ? "the live set measured exactly"
				: "the reclaimed floor";
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

	/**
	 * Reclaimed-floor points grouped into reclamation cycles. G1 reclaims the old generation over a mixed phase of
	 * several collections, each leaving less behind, with no young-only collection between them; the phase's floor is
	 * known when it ends, when a young-only collection runs or a reclaiming collection leaves more behind. Each closed
	 * cycle counts once, at its lowest point; a full collection (Parallel, Serial, G1 full) is a cycle of its own.
	 *
	 * @param closed the closed cycles, oldest first
	 * @param open the lowest point of the cycle still running, or {@code null}
	 */
	record Cycles(List<ReclaimedPoint> closed, @Nullable ReclaimedPoint open) {

		/**
		 * Groups the reclaimed floors into cycles, leaving out the full collections that live histograms caused
		 * (the first reclaimed floor after each): they measure what the exact points already hold, without the
		 * residue that mixed collections leave, and mixing the two would read residue as growth. The collector's
		 * own exact measurements (markings, full collections) leave the cycles as they are.
		 */
		static Cycles of(List<Snapshot> assessed, List<ReclaimedPoint> exact) {
			List<ReclaimedPoint> closed = new ArrayList<>();
			ReclaimedPoint current = null;
			int nextExact = 0;
			Instant previous = Instant.MIN;
			for (Snapshot snapshot : assessed) {
				boolean causedByExact = false;
				while (nextExact < exact.size() && !exact.get(nextExact).time().isAfter(snapshot.time())) {
					causedByExact |= exact.get(nextExact).time().isAfter(previous)
							&& ReclaimedPoint.LIVE_HISTOGRAM.equals(exact.get(nextExact).source());
					nextExact++;
				}
				previous = snapshot.time();
				Long floor = causedByExact ? null : snapshot.gc().reclaimedFloor();
				if (floor != null) {
					if (current != null && floor > current.bytes()) {
						closed.add(current);
						current = null;
					}
					if (current == null || floor <= current.bytes()) {
						current = new ReclaimedPoint(snapshot.time(), floor, ReclaimedPoint.OLD_COLLECTION);
					}
				}
				else if (current != null && snapshot.gc().collections() > 0) {
					closed.add(current);
					current = null;
				}
			}
			return new Cycles(List.copyOf(closed), (current != null)
					? new ReclaimedPoint(current.time(), current.bytes(), ReclaimedPoint.CYCLE_RUNNING) : null);
		}

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

	private record Evidence(int reclaimingCollections, Integer ticksSinceReclaim, List<ReclaimedPoint> reclaimed,
			SeriesAssessment reclaimedTrend, String mode, List<Confirmation> confirmations) {

		Result result(SeriesAssessment assessment, boolean confirmed, String reason) {
			return new Result(assessment, new LiveSetEvidence(confirmed, reason, this.reclaimingCollections,
					this.ticksSinceReclaim, this.reclaimed, this.reclaimedTrend, this.mode, this.confirmations));
		}

	}

}
