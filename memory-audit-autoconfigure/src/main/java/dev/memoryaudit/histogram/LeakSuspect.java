package dev.memoryaudit.histogram;

import java.util.Objects;

/**
 * How one class's footprint evolved over a series of class histograms.
 *
 * @param className the class name as printed by the JVM
 * @param displayName the readable class name, see {@link ClassHistogramEntry#displayName()}
 * @param classification the shape of the series
 * @param firstBytes bytes in the first histogram that retained the class
 * @param lastBytes bytes in the last histogram that retained the class
 * @param bytesPerHour growth rate: the median of the slopes between every two histograms that retained the class
 * (Theil&ndash;Sen), so a single outlier does not move it
 * @param instancesPerHour the same for the instance count
 * @param histogramsSeen how many histograms retained the class
 * @param increases how many consecutive pairs of those histograms showed more bytes than the one before
 */
public record LeakSuspect(String className, String displayName, Classification classification, long firstBytes,
		long lastBytes, double bytesPerHour, double instancesPerHour, int histogramsSeen, int increases) {

	public LeakSuspect {
		Objects.requireNonNull(className, "className");
		Objects.requireNonNull(displayName, "displayName");
		Objects.requireNonNull(classification, "classification");
	}

	/**
	 * Returns whether the class grew enough to be a leak suspect.
	 * @return {@code true} for {@link Classification#GROWING_STEADILY}, {@link Classification#GREW} and
	 * {@link Classification#GROWING_THEN_FLAT}
	 */
	public boolean suspect() {
		return this.classification.suspect;
	}

	/**
	 * The shape of a class's footprint over the histograms, in ranking order.
	 */
	public enum Classification {

		/** More bytes in at least 80% of consecutive histograms, with meaningful overall growth: the leak shape. */
		GROWING_STEADILY(true),

		/**
		 * Only two histograms exist and the class grew meaningfully between them; a trend cannot be told from a
		 * one-off step with two points, so confidence is lower.
		 */
		GREW(true),

		/** Grew meaningfully in an earlier part of the series and has stayed flat since, like a cache warming up. */
		GROWING_THEN_FLAT(true),

		/** Moves by more than the noise threshold without a consistent direction. */
		FLUCTUATING(false),

		/** Stays within the noise threshold. */
		STABLE(false),

		/** Lost meaningfully overall. */
		SHRINKING(false);

		private final boolean suspect;

		Classification(boolean suspect) {
			this.suspect = suspect;
		}

	}

}
