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
 * @param histogramMinInterval minimum time between any two histograms
 * @param topClasses classes kept per histogram
 * @param escalationHistograms histograms spaced over the ticks after the trend turns to growth
 * @param thresholds trend thresholds
 * @param series series to assess
 * @param confirmationMode how weak evidence is confirmed
 * @param confirmationAfter consecutive ticks of unconfirmed live-set growth before a confirmation
 * @param confirmationMinInterval minimum time between two confirmations
 */
public record EngineSettings(int snapshotHistorySize, int histogramHistorySize, Duration histogramInterval,
		Duration histogramMinInterval, int topClasses, int escalationHistograms, TrendThresholds thresholds,
		List<SeriesDefinition> series, ConfirmationMode confirmationMode, int confirmationAfter,
		Duration confirmationMinInterval) {

	/**
	 * The documented defaults.
	 * @return the defaults
	 */
	public static EngineSettings defaults() {
		return new EngineSettings(1440, 48, Duration.ofMinutes(60), Duration.ofMinutes(5), 200, 3,
				TrendThresholds.defaults(), SeriesDefinition.standard(), ConfirmationMode.NONE, 40,
				Duration.ofHours(1));
	}

	public EngineSettings {
		series = List.copyOf(series);
	}

}
