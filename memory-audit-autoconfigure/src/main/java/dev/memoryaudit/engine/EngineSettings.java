package dev.memoryaudit.engine;

import java.time.Duration;
import java.util.List;

import dev.memoryaudit.trend.SeriesDefinition;
import dev.memoryaudit.trend.TrendThresholds;

/**
 * Settings of the engine, independent of how they were configured.
 *
 * @param snapshotHistorySize cheap snapshots kept in memory
 * @param histogramHistorySize histograms kept in memory
 * @param histogramInterval time between scheduled histograms; {@link Duration#ZERO} disables them
 * @param histogramMinInterval minimum time between any two histograms other than confirmations
 * @param topClasses classes kept per histogram
 * @param escalationHistograms histograms spaced over the ticks after the trend turns to growth
 * @param thresholds trend thresholds
 * @param series series to assess
 * @param confirmationMode how weak evidence is confirmed
 * @param confirmationAfter consecutive ticks of unconfirmed live-set growth before a confirmation
 * @param confirmationMinInterval minimum time between two confirmations
 * @param confirmationMaxPause the longest pause a single confirmation may cause (predicted before it is taken)
 * @param pauseBudget share of wall time our pauses may take over the trailing hour
 */
public record EngineSettings(int snapshotHistorySize, int histogramHistorySize, Duration histogramInterval,
		Duration histogramMinInterval, int topClasses, int escalationHistograms, TrendThresholds thresholds,
		List<SeriesDefinition> series, ConfirmationMode confirmationMode, int confirmationAfter,
		Duration confirmationMinInterval, Duration confirmationMaxPause, double pauseBudget) {

	/** The default longest pause of one confirmation. */
	public static final Duration DEFAULT_MAX_PAUSE = Duration.ofMillis(200);

	/** The default share of wall time our pauses may take (0.1 %). */
	public static final double DEFAULT_PAUSE_BUDGET = 0.001;

	/**
	 * Settings with the default pause budget.
	 * @param snapshotHistorySize cheap snapshots kept in memory
	 * @param histogramHistorySize histograms kept in memory
	 * @param histogramInterval time between scheduled histograms
	 * @param histogramMinInterval minimum time between any two histograms other than confirmations
	 * @param topClasses classes kept per histogram
	 * @param escalationHistograms escalation histograms
	 * @param thresholds trend thresholds
	 * @param series series to assess
	 * @param confirmationMode how weak evidence is confirmed
	 * @param confirmationAfter consecutive ticks of unconfirmed growth before a confirmation
	 * @param confirmationMinInterval minimum time between two confirmations
	 */
	public EngineSettings(int snapshotHistorySize, int histogramHistorySize, Duration histogramInterval,
			Duration histogramMinInterval, int topClasses, int escalationHistograms, TrendThresholds thresholds,
			List<SeriesDefinition> series, ConfirmationMode confirmationMode, int confirmationAfter,
			Duration confirmationMinInterval) {
		this(snapshotHistorySize, histogramHistorySize, histogramInterval, histogramMinInterval, topClasses,
				escalationHistograms, thresholds, series, confirmationMode, confirmationAfter, confirmationMinInterval,
				DEFAULT_MAX_PAUSE, DEFAULT_PAUSE_BUDGET);
	}

	/**
	 * The documented defaults (one-minute ticks).
	 * @return the defaults
	 */
	public static EngineSettings defaults() {
		return new EngineSettings(1440, 48, Duration.ofMinutes(60), Duration.ofMinutes(5), 200, 3,
				TrendThresholds.defaults(), SeriesDefinition.standard(), ConfirmationMode.AUTO, 5,
				Duration.ofMinutes(10));
	}

	public EngineSettings {
		series = List.copyOf(series);
	}

}
