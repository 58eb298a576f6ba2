package dev.memoryaudit.trend;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.memoryaudit.histogram.ClassHistogram;
import dev.memoryaudit.histogram.LeakSuspect;
import dev.memoryaudit.histogram.LeakSuspectAnalyzer;
import dev.memoryaudit.snapshot.Snapshot;
import org.jspecify.annotations.Nullable;

/**
 * Turns snapshot and histogram history into a {@link TrendReport}: segments at restarts, drops warm-up, assesses each
 * series, and gates the live-set verdict on strong evidence (growth across collections that reclaimed the old
 * generation, or class growth across live histograms).
 */
public final class TrendAnalyzer {

	private final TrendThresholds thresholds;

	private final List<SeriesDefinition> definitions;

	private final SeriesAssessor assessor;

	private final SeriesAssessor reclaimedAssessor;

	/**
	 * Creates an analyzer.
	 * @param thresholds the thresholds
	 * @param definitions the series to assess; the one named {@link SeriesDefinition#LIVE_SET} is primary
	 */
	public TrendAnalyzer(TrendThresholds thresholds, List<SeriesDefinition> definitions) {
		this.thresholds = thresholds;
		this.definitions = List.copyOf(definitions);
		this.assessor = new SeriesAssessor(thresholds);
		this.reclaimedAssessor = new SeriesAssessor(new TrendThresholds(thresholds.warmup(), thresholds.window(),
				thresholds.minReclaimedPoints(), thresholds.reclaimedSignificance(), thresholds.minGrowthRate(),
				thresholds.noiseFactor(), thresholds.saturationRatio(), 0.5, thresholds.minReclaimedPoints(),
				thresholds.reclaimedSignificance(), thresholds.leakWarmup()));
	}

	public TrendThresholds thresholds() {
		return this.thresholds;
	}

	/**
	 * Analyzes the history.
	 * @param input snapshots, histograms and confirmations, oldest first
	 * @return the report
	 */
	public TrendReport analyze(TrendInput input) {
		List<Snapshot> segment = currentSegment(input.snapshots());
		List<Snapshot> assessed = assessable(segment, this.thresholds, input.startedAt());
		List<SeriesAssessment> assessments = new ArrayList<>();
		SeriesAssessment liveSet = null;
		TrendSeries liveSetSeries = null; // built once, for the first live-set definition
		for (SeriesDefinition definition : this.definitions) {
			TrendSeries series = series(definition, assessed);
			SeriesAssessment assessment = cap(this.assessor.assess(series), definition);
			if (definition.name().equals(SeriesDefinition.LIVE_SET)) {
				liveSetSeries = (liveSetSeries != null) ? liveSetSeries : series;
				liveSet = assessment;
			}
			else {
				assessments.add(assessment);
			}
		}
		List<ClassHistogram> histograms = histogramsSince(input.histograms(), segmentStart(segment));
		List<LeakSuspect> suspects = new LeakSuspectAnalyzer().analyze(histograms).suspects();
		LiveSetEvidence evidence;
		if (liveSet != null) {
			EvidenceGate gate = new EvidenceGate(this.thresholds, this.assessor, this.reclaimedAssessor);
			EvidenceGate.Result gated = gate.apply(liveSet, assessed, liveSetSeries,
					histograms, input.confirmations(), input.confirmationMode(), input.startedAt());
			liveSet = gated.assessment();
			evidence = gated.evidence();
			assessments.add(0, liveSet);
		}
		else {
			evidence = new LiveSetEvidence(false, "no live-set series configured", 0, null, List.of(), null,
					input.confirmationMode(), List.of());
		}
		evidence = evidence.withConfirmationStatus(input.confirmationStatus());
		List<UnconfirmedGrowth> unconfirmed = new ArrayList<>();
		Verdict overall = overall(liveSet, assessments, evidence, unconfirmed);
		for (ReportSection section : input.sections()) {
			if (section.getVerdict().isGrowth()) {
				overall = overall.worst(section.getVerdict());
			}
		}
		return new TrendReport(input.now(), overall, overall.isGrowth(),
				summary(overall, assessments, input.sections(), unconfirmed), evidence, assessments, suspects,
				input.snapshots().size(), input.histograms().size(), segment.isEmpty() ? null : segment.get(0).time(),
				input.notes(), input.sections(), unconfirmed, null, null);
	}

	/**
	 * The top-level verdict, from strong evidence only: the live set when its growth is confirmed, and every series
	 * measured directly (threads, classes, descriptors, non-heap, buffers). Growth of the live set that is not
	 * confirmed, and of informational series (RSS, RSS minus committed memory, capped at GROWING), goes into
	 * {@code unconfirmed} and counts as STABLE: a healthy service with a cache filling up reads STABLE, with the
	 * growth beside it.
	 */
	private Verdict overall(@Nullable SeriesAssessment liveSet, List<SeriesAssessment> assessments,
			LiveSetEvidence evidence, List<UnconfirmedGrowth> unconfirmed) {
		Verdict worst = Verdict.INSUFFICIENT_DATA;
		boolean anyAssessed = false;
		for (SeriesAssessment assessment : assessments) {
			Verdict verdict = assessment.verdict();
			boolean weak = (assessment == liveSet) ? !evidence.confirmed() : informational(assessment.series());
			if (verdict.isGrowth() && weak) {
				String reason = (assessment == liveSet) ? evidence.reason() : assessment.reason();
				unconfirmed.add(new UnconfirmedGrowth(assessment.series(), verdict, reason));
				verdict = Verdict.STABLE;
			}
			worst = worst.worst(verdict);
			anyAssessed |= verdict != Verdict.INSUFFICIENT_DATA;
		}
		if (liveSet != null && liveSet.verdict() == Verdict.INSUFFICIENT_DATA && !worst.isGrowth()) {
			return Verdict.INSUFFICIENT_DATA;
		}
		return anyAssessed ? worst : Verdict.INSUFFICIENT_DATA;
	}

	private boolean informational(String series) {
		return this.definitions.stream()
			.anyMatch((d) -> d.name().equals(series) && d.maxVerdict().ordinal() < Verdict.LEAK_SUSPECTED.ordinal());
	}

	private static SeriesAssessment cap(SeriesAssessment assessment, SeriesDefinition definition) {
		if (assessment.verdict().ordinal() <= definition.maxVerdict().ordinal()) {
			return assessment;
		}
		return assessment.withVerdict(definition.maxVerdict(),
				assessment.reason() + "; informational series, at most " + definition.maxVerdict());
	}

	private static String summary(Verdict overall, List<SeriesAssessment> assessments, List<ReportSection> sections,
			List<UnconfirmedGrowth> unconfirmed) {
		List<String> growing = new ArrayList<>();
		assessments.stream()
			.filter((a) -> a.verdict().isGrowth()
					&& unconfirmed.stream().noneMatch((u) -> u.series().equals(a.series())))
			.forEach((a) -> growing.add(a.series() + " " + a.verdict()));
		sections.stream()
			.filter((s) -> s.getVerdict().isGrowth())
			.forEach((s) -> growing.add(s.getName() + " " + s.getVerdict()));
		String weak = unconfirmed.isEmpty() ? ""
				: " Unconfirmed growth (not in the verdict): " + String.join("; ",
						unconfirmed.stream().map((u) -> u.series() + ": " + u.reason()).toList()) + ".";
		return switch (overall) {
			case INSUFFICIENT_DATA -> "Not enough data yet: " + assessments.get(0).reason() + "." + weak;
			case STABLE -> "No sustained growth on strong evidence." + weak;
			case GROWING -> "Growing: " + String.join(", ", growing) + "." + weak;
			case LEAK_SUSPECTED -> "Leak suspected: " + String.join(", ", growing) + "." + weak;
		};
	}

	/**
	 * How far the JVM start instants of two snapshots may differ before they are taken to come from two JVMs.
	 */
	static final long RESTART_TOLERANCE_MILLIS = 1_000;

	/**
	 * The snapshots since the last restart in history: uptime going backwards, or a different JVM start instant
	 * ({@code RuntimeMXBean.getStartTime()}), which also catches a restart whose new JVM has been up longer than the
	 * old one was, and is not fooled by a host that was suspended (uptime stops, wall time goes on).
	 * @param snapshots all snapshots, oldest first
	 * @return the current segment
	 */
	public static List<Snapshot> currentSegment(List<Snapshot> snapshots) {
		int start = 0;
		for (int i = 1; i < snapshots.size(); i++) {
			Snapshot previous = snapshots.get(i - 1);
			Snapshot current = snapshots.get(i);
			boolean otherJvm = previous.jvmStartMillis() > 0 && current.jvmStartMillis() > 0
					&& Math.abs(current.jvmStartMillis() - previous.jvmStartMillis()) > RESTART_TOLERANCE_MILLIS;
			if (otherJvm || current.uptimeMillis() < previous.uptimeMillis()) {
				start = i;
			}
		}
		return snapshots.subList(start, snapshots.size());
	}

	/**
	 * The snapshots a trend assesses: the current segment (since the last restart), past warm-up, within the window.
	 * Warm-up counts from JVM start and, when given, from the engine's start, whichever is later: an application
	 * context started in a JVM that has long been up (tests, devtools restarts) still gets its warm-up.
	 * @param snapshots all snapshots, oldest first
	 * @param thresholds the warm-up and window
	 * @param startedAt when the engine started, or {@code null}
	 * @return the snapshots to assess
	 */
	public static List<Snapshot> assessable(List<Snapshot> snapshots, TrendThresholds thresholds,
			@Nullable Instant startedAt) {
		List<Snapshot> segment = currentSegment(snapshots);
		if (segment.isEmpty()) {
			return segment;
		}
		Instant windowStart = segment.get(segment.size() - 1).time().minus(thresholds.window());
		long warmupMillis = thresholds.warmup().toMillis();
		Instant warmedUp = (startedAt != null) ? startedAt.plus(thresholds.warmup()) : Instant.MIN;
		return segment.stream()
			.filter((s) -> s.uptimeMillis() >= warmupMillis && !s.time().isBefore(warmedUp)
					&& !s.time().isBefore(windowStart))
			.toList();
	}

	private static Instant segmentStart(List<Snapshot> segment) {
		return segment.isEmpty() ? Instant.MIN : segment.get(0).time();
	}

	private static List<ClassHistogram> histogramsSince(List<ClassHistogram> histograms, Instant start) {
		return histograms.stream().filter((h) -> !h.capturedAt().isBefore(start)).toList();
	}

	static TrendSeries series(SeriesDefinition definition, List<Snapshot> snapshots) {
		double[] times = new double[snapshots.size()];
		double[] values = new double[snapshots.size()];
		int n = 0;
		double ceiling = Double.NaN;
		for (Snapshot snapshot : snapshots) {
			double value = definition.value().applyAsDouble(snapshot);
			if (Double.isNaN(value)) {
				continue;
			}
			times[n] = epochSeconds(snapshot.time());
			values[n] = value;
			double snapshotCeiling = definition.ceiling().applyAsDouble(snapshot);
			if (!Double.isNaN(snapshotCeiling)) {
				ceiling = snapshotCeiling;
			}
			n++;
		}
		return new TrendSeries(definition.name(), definition.unit(), java.util.Arrays.copyOf(times, n),
				java.util.Arrays.copyOf(values, n), Double.isNaN(ceiling) ? null : ceiling,
				definition.minimumGrowth());
	}

	static double epochSeconds(Instant time) {
		return time.getEpochSecond() + time.getNano() / 1e9;
	}

	static String percent(double fraction) {
		return String.format(Locale.ROOT, "%.2f%%", fraction * 100);
	}

}
