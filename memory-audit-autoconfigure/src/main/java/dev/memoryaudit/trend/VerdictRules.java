package dev.memoryaudit.trend;

import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * The verdict rules in the order the gate asks them; the first that decides wins. Each is named in the report
 * ({@code liveSet.rule}) and in docs/architecture.md.
 * <ol>
 * <li>{@value #COLLECTION_USAGE}: without GC notifications, the live set is read after old-generation collections
 * (collection usage): strong evidence as it is.</li>
 * <li>{@value ExactPointsRule#NAME}: exact measurements of the live set decide alone ({@link ExactPointsRule}).</li>
 * <li>{@value #RECLAIMED_FLOOR_GROWS}: the reclaimed floor (one point per reclamation cycle) grows significantly and
 * is not shaped like a step or a cache filling up.</li>
 * <li>{@value #NO_GROWTH}: the after-GC floor shows no growth: nothing to confirm.</li>
 * <li>{@value #GROWTH_SURVIVED_RECLAMATION}: a later reclaimed point stands above an earlier one by at least half the
 * growth the after-GC floor showed between them.</li>
 * <li>{@value #RECLAIMED_FLOOR_FLAT}: enough reclaimed points, no significant growth: STABLE or GROWING since the last
 * reclamation, unconfirmed.</li>
 * <li>{@value #GROWTH_TAKEN_BACK}: a reclaiming collection took most of the growth back: re-assessed since.</li>
 * <li>{@value #WEAK_EVIDENCE_ONLY}: otherwise the after-GC floor's growth reads GROWING, unconfirmed, with why.</li>
 * </ol>
 * After them the gate applies its guard, the leak warm-up ({@value EvidenceGate#LEAK_WARMUP}).
 * <p>
 * A former rule, "a class grows steadily across three live histograms", is gone: since live histograms count as exact
 * points (their totals), {@value ExactPointsRule#NAME} decides whenever there are any, so it could never be reached
 * (a test of each rule showed it). A class that grows while the total does not is still listed among the suspects.
 */
final class VerdictRules {

	static final String COLLECTION_USAGE = "collection-usage";

	static final String RECLAIMED_FLOOR_GROWS = "reclaimed-floor-grows";

	static final String NO_GROWTH = "no-growth";

	static final String GROWTH_SURVIVED_RECLAMATION = "growth-survived-reclamation";

	static final String RECLAIMED_FLOOR_FLAT = "reclaimed-floor-flat";

	static final String GROWTH_TAKEN_BACK = "growth-taken-back";

	static final String WEAK_EVIDENCE_ONLY = "weak-evidence-only";

	/** The rules, in order. */
	static final List<VerdictRule> ORDER = List.of(
			VerdictRule.of(COLLECTION_USAGE, VerdictRules::collectionUsage),
			new ExactPointsRule(),
			VerdictRule.of(RECLAIMED_FLOOR_GROWS, VerdictRules::reclaimedFloorGrows),
			VerdictRule.of(NO_GROWTH, VerdictRules::noGrowth),
			VerdictRule.of(GROWTH_SURVIVED_RECLAMATION, VerdictRules::growthSurvivedReclamation),
			VerdictRule.of(RECLAIMED_FLOOR_FLAT, VerdictRules::reclaimedFloorFlat),
			VerdictRule.of(GROWTH_TAKEN_BACK, VerdictRules::growthTakenBack),
			VerdictRule.of(WEAK_EVIDENCE_ONLY, VerdictRules::weakEvidenceOnly));

	private VerdictRules() {
	}

	static EvidenceGate.@Nullable Result collectionUsage(EvidenceContext c) {
		List<dev.memoryaudit.snapshot.Snapshot> assessed = c.assessed();
		if (!c.notifications() && !assessed.isEmpty()
				&& assessed.stream().allMatch((s) -> "collection-usage".equals(s.liveSetSource()))) {
			return c.evidence().result(c.liveSet(), c.liveSet().verdict().isGrowth(),
					"the live set is read after old-generation collections (collection usage), strong evidence");
		}
		return null;
	}

	/**
	 * With enough reclaimed-floor points, they decide: they are measured after the old generation was reclaimed, so
	 * they carry no promoted garbage.
	 */
	static EvidenceGate.@Nullable Result reclaimedFloorGrows(EvidenceContext c) {
		SeriesAssessment trend = c.reclaimedTrend();
		return (trend != null && trend.verdict().isGrowth()) ? fromReclaimedTrend(c, trend) : null;
	}

	static EvidenceGate.@Nullable Result noGrowth(EvidenceContext c) {
		return c.liveSet().verdict().isGrowth() ? null
				: c.evidence().result(c.liveSet(), false, "no live-set growth to confirm");
	}

	static EvidenceGate.@Nullable Result growthSurvivedReclamation(EvidenceContext c) {
		String survived = survivedReclamation(c.liveSeries(), c.reclaimed(), c.thresholds());
		if (survived == null) {
			return null;
		}
		EvidenceGate.Result shape = c.notALeakShape(c.liveSet(), c.liveSeries(), c.reclaimed(), c.evidence());
		return (shape != null) ? shape : c.evidence().result(c.liveSet(), true, survived);
	}

	static EvidenceGate.@Nullable Result reclaimedFloorFlat(EvidenceContext c) {
		SeriesAssessment trend = c.reclaimedTrend();
		return (trend != null) ? fromReclaimedTrend(c, trend) : null;
	}

	static EvidenceGate.@Nullable Result growthTakenBack(EvidenceContext c) {
		List<ReclaimedPoint> reclaimed = c.reclaimed();
		ReclaimedPoint last = (c.cycles().open() != null) ? c.cycles().open()
				: reclaimed.isEmpty() ? null : reclaimed.get(reclaimed.size() - 1);
		if (last != null && tookGrowthBack(c.liveSeries(), last)) {
			return c.sinceLastReclamation(c.liveSet(), c.liveSeries(), last, c.evidence(),
					"a reclaiming collection at %s took the growth back (floor %s)");
		}
		return null;
	}

	static EvidenceGate.Result weakEvidenceOnly(EvidenceContext c) {
		SeriesAssessment liveSet = c.liveSet();
		String why = (c.reclaimingCollections() == 0)
				? "no old-generation collection in the last " + c.assessed().size() + " ticks"
				: String.format(Locale.ROOT, "only %d completed reclamation cycle(s) in the window, %d needed, and "
						+ "none shows the growth surviving a reclamation%s", c.reclaimed().size(),
						c.thresholds().minReclaimedPoints(),
						(c.cycles().open() != null) ? "; a reclamation cycle is still running" : "");
		return c.evidence().result(liveSet.withVerdict(Verdict.GROWING,
				"after-GC floor grows (" + liveSet.reason() + "), but the growth is unconfirmed: " + why), false, why);
	}

	private static EvidenceGate.Result fromReclaimedTrend(EvidenceContext c, SeriesAssessment trend) {
		return c.fromPoints(c.liveSet(), c.liveSeries(), c.reclaimed(), trend, c.evidence(), "the reclaimed floor",
				"reclaimed floor", "old-generation reclamations");
	}

	/**
	 * Growth survived reclamations when a later reclaimed point stands above an earlier one by at least half the growth
	 * the after-GC floor showed between them, by the series' minimum growth and by the minimum growth rate. A single
	 * reclaimed point is not enough: compared with an after-GC floor it also confirms real growth that is about to
	 * level off (a cache filling to its cap), which the accuracy benchmark showed as false positives.
	 */
	static @Nullable String survivedReclamation(TrendSeries liveSeries, List<ReclaimedPoint> reclaimed,
			TrendThresholds thresholds) {
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
		double weakGrowth = EvidenceContext.maxBetween(liveSeries, firstTime, lastTime) - first.bytes();
		double survived = last.bytes() - first.bytes();
		if (!(weakGrowth > 0 && survived >= 0.5 * weakGrowth && survived >= liveSeries.minimumGrowth())) {
			return null;
		}
		Double ceiling = liveSeries.ceiling();
		double hours = (lastTime - firstTime) / 3600.0;
		if (ceiling != null && ceiling > 0 && survived / hours / ceiling < thresholds.minGrowthRate()) {
			return null;
		}
		return String.format(Locale.ROOT, "%s of growth survived the reclaiming collections from %s to %s (%s live then)",
				Units.bytes(survived), first.time(), last.time(), Units.bytes(last.bytes()));
	}

	static boolean tookGrowthBack(TrendSeries liveSeries, ReclaimedPoint last) {
		double lastTime = TrendAnalyzer.epochSeconds(last.time());
		double first = liveSeries.values()[0];
		double peak = EvidenceContext.maxBetween(liveSeries, liveSeries.times()[0], lastTime);
		return peak > first && last.bytes() <= first + 0.5 * (peak - first);
	}

}
