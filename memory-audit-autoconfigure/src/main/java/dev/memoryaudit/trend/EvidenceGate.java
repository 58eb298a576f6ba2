package dev.memoryaudit.trend;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.memoryaudit.histogram.ClassHistogram;
import dev.memoryaudit.snapshot.Snapshot;
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
 * <p>
 * The decision is an ordered list of named rules ({@link VerdictRules#ORDER}); the first that decides wins, and its
 * name goes into the report ({@code liveSet.rule}). A confirmed leak then passes one guard, the leak warm-up
 * ({@value #LEAK_WARMUP}).
 */
final class EvidenceGate {

	/** The guard after the rules: no LEAK_SUSPECTED within the leak warm-up after start. */
	static final String LEAK_WARMUP = "leak-warmup";

	private final TrendThresholds thresholds;

	private final SeriesAssessor assessor;

	private final SeriesAssessor reclaimedAssessor;

	private final SeriesAssessor recentAssessor;

	EvidenceGate(TrendThresholds thresholds, SeriesAssessor assessor, SeriesAssessor reclaimedAssessor) {
		this.recentAssessor = new SeriesAssessor(new TrendThresholds(thresholds.warmup(), thresholds.window(),
				ExactPointsRule.RECENT_MIN_POINTS, ExactPointsRule.RECENT_SIGNIFICANCE, thresholds.minGrowthRate(),
				thresholds.noiseFactor(), thresholds.saturationRatio(), 0.5, thresholds.minReclaimedPoints(),
				thresholds.reclaimedSignificance(), thresholds.leakWarmup()));
		this.thresholds = thresholds;
		this.assessor = assessor;
		this.reclaimedAssessor = reclaimedAssessor;
	}

	Result apply(SeriesAssessment liveSet, List<Snapshot> assessed, TrendSeries liveSeries,
			List<ClassHistogram> histograms, List<Confirmation> allConfirmations, String mode,
			@Nullable Instant startedAt) {
		Result result = decide(new EvidenceContext(this.thresholds, this.assessor, this.reclaimedAssessor,
				this.recentAssessor, liveSet, assessed, liveSeries, histograms, allConfirmations, mode));
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
						evidence.confirmationMode(), evidence.confirmations())
					.withRule(evidence.rule() + ", " + LEAK_WARMUP));
	}

	/**
	 * Asks the rules in order; the first that decides wins and is named in the result.
	 */
	static Result decide(EvidenceContext context) {
		for (VerdictRule rule : VerdictRules.ORDER) {
			Result result = rule.decide(context);
			if (result != null) {
				return new Result(result.assessment(), result.evidence().withRule(rule.name()));
			}
		}
		throw new IllegalStateException("the last rule, " + VerdictRules.WEAK_EVIDENCE_ONLY + ", always decides");
	}

	record Result(SeriesAssessment assessment, LiveSetEvidence evidence) {
	}

}
