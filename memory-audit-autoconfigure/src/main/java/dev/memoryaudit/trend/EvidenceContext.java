package dev.memoryaudit.trend;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import dev.memoryaudit.histogram.ClassHistogram;
import dev.memoryaudit.snapshot.LiveSetMeasurement;
import dev.memoryaudit.snapshot.Snapshot;
import org.jspecify.annotations.Nullable;

/**
 * What the verdict rules read, computed once per analysis: the assessed window, the exact points in it, the
 * reclamation cycles and the reclaimed floor's trend, and the evidence every result carries; plus the decisions
 * several rules share (since the last reclamation, a series of reclaimed points).
 */
final class EvidenceContext {

	private final TrendThresholds thresholds;

	private final SeriesAssessor assessor;

	private final SeriesAssessor reclaimedAssessor;

	private final SeriesAssessor recentAssessor;

	private final LeakShapes shapes;

	private final SeriesAssessment liveSet;

	private final List<Snapshot> assessed;

	private final TrendSeries liveSeries;

	private final List<ClassHistogram> histograms;

	private final Instant windowStart;

	private final boolean notifications;

	private final List<ReclaimedPoint> exact;

	private final Cycles cycles;

	private final List<ReclaimedPoint> reclaimed;

	private final int reclaimingCollections;

	private final @Nullable SeriesAssessment reclaimedTrend;

	private final Evidence evidence;

	EvidenceContext(TrendThresholds thresholds, SeriesAssessor assessor, SeriesAssessor reclaimedAssessor,
			SeriesAssessor recentAssessor, SeriesAssessment liveSet, List<Snapshot> assessed, TrendSeries liveSeries,
			List<ClassHistogram> histograms, List<Confirmation> allConfirmations, String mode) {
		this.thresholds = thresholds;
		this.assessor = assessor;
		this.reclaimedAssessor = reclaimedAssessor;
		this.recentAssessor = recentAssessor;
		this.shapes = new LeakShapes(thresholds);
		this.liveSet = liveSet;
		this.assessed = assessed;
		this.liveSeries = liveSeries;
		this.histograms = histograms;
		Instant windowStart = assessed.isEmpty() ? Instant.MAX : assessed.get(0).time();
		this.windowStart = windowStart;
		List<Confirmation> confirmations = allConfirmations.stream()
			.filter((c) -> !c.time().isBefore(windowStart))
			.toList();
		this.notifications = assessed.stream().anyMatch((s) -> s.gc().notificationsAvailable());
		this.exact = exactPoints(assessed, histograms, confirmations, windowStart);
		this.cycles = Cycles.of(assessed, this.exact);
		this.reclaimed = this.cycles.closed();
		this.reclaimingCollections = assessed.stream().mapToInt((s) -> s.gc().reclaimingCollections()).sum();
		Integer ticksSinceReclaim = ticksSinceReclaim(assessed);
		TrendSeries reclaimedSeries = reclaimedSeries(this.reclaimed, liveSeries);
		this.reclaimedTrend = (this.reclaimed.size() >= thresholds.minReclaimedPoints())
				? reclaimedAssessor.assess(reclaimedSeries) : null;
		List<ReclaimedPoint> reported = new ArrayList<>(this.reclaimed);
		if (this.cycles.open() != null) {
			reported.add(this.cycles.open());
		}
		reported.addAll(this.exact);
		reported.sort(Comparator.comparing(ReclaimedPoint::time));
		this.evidence = new Evidence(this.reclaimingCollections, ticksSinceReclaim, reported, this.reclaimedTrend, mode,
				confirmations);
	}

	TrendThresholds thresholds() {
		return this.thresholds;
	}

	SeriesAssessor assessor() {
		return this.assessor;
	}

	SeriesAssessor reclaimedAssessor() {
		return this.reclaimedAssessor;
	}

	SeriesAssessor recentAssessor() {
		return this.recentAssessor;
	}

	LeakShapes shapes() {
		return this.shapes;
	}

	/** The after-GC floor's own assessment: the verdict the rules confirm, turn down or leave unconfirmed. */
	SeriesAssessment liveSet() {
		return this.liveSet;
	}

	List<Snapshot> assessed() {
		return this.assessed;
	}

	TrendSeries liveSeries() {
		return this.liveSeries;
	}

	List<ClassHistogram> histograms() {
		return this.histograms;
	}

	Instant windowStart() {
		return this.windowStart;
	}

	/** Whether GC notifications were seen in the window (without them the live set comes from collection usage). */
	boolean notifications() {
		return this.notifications;
	}

	/** Exact measurements of the live set in the window, oldest first. */
	List<ReclaimedPoint> exact() {
		return this.exact;
	}

	Cycles cycles() {
		return this.cycles;
	}

	/** The closed reclamation cycles' floors, oldest first. */
	List<ReclaimedPoint> reclaimed() {
		return this.reclaimed;
	}

	int reclaimingCollections() {
		return this.reclaimingCollections;
	}

	/** The reclaimed floor's assessment, when it has enough points. */
	@Nullable SeriesAssessment reclaimedTrend() {
		return this.reclaimedTrend;
	}

	Evidence evidence() {
		return this.evidence;
	}

	/**
	 * The decision on a series of points measured after the old generation was reclaimed (collection cycles, or live
	 * histograms): its growth, unless shaped like a step or a cache filling up, confirms a leak.
	 */
	EvidenceGate.Result fromPoints(SeriesAssessment liveSet, TrendSeries liveSeries, List<ReclaimedPoint> points,
			SeriesAssessment trend, Evidence evidence, String subject, String label, String kind) {
		String across = String.format(Locale.ROOT, "across %d %s", points.size(), kind);
		if (trend.verdict().isGrowth()) {
			EvidenceGate.Result shape = notALeakShape(liveSet, liveSeries, points, evidence);
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

	EvidenceGate.Result sinceLastReclamation(SeriesAssessment liveSet, TrendSeries liveSeries, ReclaimedPoint last,
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

	/**
	 * Growth of the reclaimed floor that has the shape of a step or of a cache filling up is not confirmed.
	 * @return the unconfirmed result, or {@code null} when the shape does not rule out a leak
	 */
	EvidenceGate.@Nullable Result notALeakShape(SeriesAssessment liveSet, TrendSeries liveSeries,
			List<ReclaimedPoint> reclaimed, Evidence evidence) {
		String step = this.shapes.stepNotGrowth(reclaimed);
		if (step != null) {
			return sinceLastReclamation(liveSet, liveSeries, reclaimed.get(reclaimed.size() - 1), evidence,
					step + "; last reclamation at %s, %s");
		}
		String slowing = this.shapes.slowing(reclaimed);
		if (slowing != null) {
			return evidence.result(liveSet.withVerdict(Verdict.GROWING, slowing), false, slowing);
		}
		return null;
	}

	static SeriesAssessment renamed(SeriesAssessment assessment, String name, String reason) {
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
	static List<ReclaimedPoint> exactPoints(List<Snapshot> assessed, List<ClassHistogram> histograms,
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

	static TrendSeries reclaimedSeries(List<ReclaimedPoint> points, TrendSeries liveSeries) {
		return reclaimedSeries(points, liveSeries.ceiling(), liveSeries.minimumGrowth());
	}

	static TrendSeries reclaimedSeries(List<ReclaimedPoint> points, @Nullable Double ceiling,
			double minimumGrowth) {
		double[] times = new double[points.size()];
		double[] values = new double[points.size()];
		for (int i = 0; i < points.size(); i++) {
			times[i] = TrendAnalyzer.epochSeconds(points.get(i).time());
			values[i] = points.get(i).bytes();
		}
		return new TrendSeries("reclaimed-floor", "bytes", times, values, ceiling, minimumGrowth);
	}

	static @Nullable Integer ticksSinceReclaim(List<Snapshot> assessed) {
		for (int i = assessed.size() - 1; i >= 0; i--) {
			if (assessed.get(i).gc().reclaimingCollections() > 0) {
				return assessed.size() - 1 - i;
			}
		}
		return null;
	}

	static double maxBetween(TrendSeries series, double from, double to) {
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
	 * What a list of points measures, for the reasons: exact measurements or reclaimed floors.
	 */
	static String subject(List<ReclaimedPoint> points) {
		return (!points.isEmpty() && points.stream().allMatch(ReclaimedPoint::exact)) ? "the live set measured exactly"
				: "the reclaimed floor";
	}

	/**
	 * What every result carries besides the verdict.
	 */
	record Evidence(int reclaimingCollections, @Nullable Integer ticksSinceReclaim, List<ReclaimedPoint> reclaimed,
			@Nullable SeriesAssessment reclaimedTrend, String mode, List<Confirmation> confirmations) {

		EvidenceGate.Result result(SeriesAssessment assessment, boolean confirmed, String reason) {
			return new EvidenceGate.Result(assessment, new LiveSetEvidence(confirmed, reason, this.reclaimingCollections,
					this.ticksSinceReclaim, this.reclaimed, this.reclaimedTrend, this.mode, this.confirmations));
		}

	}

}
