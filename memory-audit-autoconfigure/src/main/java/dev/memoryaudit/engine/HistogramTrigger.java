package dev.memoryaudit.engine;

import java.util.Locale;

/**
 * Why a class histogram was taken; its tag is the {@code trigger} of {@link HistogramRecord} in the reports.
 */
public enum HistogramTrigger {

	/** The first scheduled histogram, the baseline later ones are compared with. */
	BASELINE,

	/** One of the histograms taken on the ticks after the trend first turns to growth, to name the classes. */
	ESCALATION,

	/** The periodic histogram ({@code memory.audit.histogram.interval}). */
	SCHEDULED,

	/** A live histogram taken as a confirmation of the live set. */
	CONFIRMATION,

	/** Asked for over the {@code memorysnapshots} endpoint. */
	ON_DEMAND;

	/**
	 * The tag in the reports.
	 * @return e.g. {@code on-demand}
	 */
	public String tag() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

	/**
	 * Whether histograms of this trigger advance the schedule (the periodic interval counts from them).
	 * @return {@code false} for confirmations and on-demand captures
	 */
	boolean scheduled() {
		return this != CONFIRMATION && this != ON_DEMAND;
	}

}
