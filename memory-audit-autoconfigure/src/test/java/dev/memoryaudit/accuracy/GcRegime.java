package dev.memoryaudit.accuracy;

import dev.memoryaudit.snapshot.LiveSetMeasurement;

/**
 * How a modelled collector treats promoted garbage: how much dies in the old generation per tick, when a reclaiming
 * collection (G1 mixed cycle, Parallel full GC, ZGC or Shenandoah cycle) runs, and what exact measurement of the live
 * set the collector gives on its own.
 *
 * @param name the regime name written into traces
 * @param promotedGarbageMibPerTick promoted objects that die in the old generation per tick, on average
 * @param reclaimAtFraction old-generation occupancy, as a fraction of heap max, that triggers a reclaiming collection
 * (G1's IHOP of 45 %, Parallel's old generation of about two thirds of the heap filling up)
 * @param full whether reclaiming collections are full (all promoted garbage reclaimed) rather than mixed (most of it)
 * @param youngFraction the young generation as a fraction of heap max (amplitude of the raw heap sawtooth)
 * @param exactSource the exact measurement each reclaiming collection gives: a G1 marking (before its mixed phase), a
 * full collection, or a whole-heap marking (ZGC, Shenandoah)
 * @param cycleTicks for collectors that cycle on their own clock (ZGC, Shenandoah), ticks between cycles; 0 when
 * cycles follow occupancy
 */
public record GcRegime(String name, double promotedGarbageMibPerTick, double reclaimAtFraction, boolean full,
		double youngFraction, String exactSource, int cycleTicks) {

	/** G1 under steady load: a marking and a mixed cycle every ~13 ticks. */
	public static final GcRegime G1_FREQUENT = new GcRegime("g1-frequent", 20, 0.45, false, 0.25,
			LiveSetMeasurement.G1_MARKING, 0);

	/** G1 under light load: a marking and a mixed cycle every ~2 hours. */
	public static final GcRegime G1_RARE = new GcRegime("g1-rare", 2, 0.45, false, 0.25, LiveSetMeasurement.G1_MARKING,
			0);

	/** G1 that sees no marking for hours: the after-young floor creeps up by 1 MiB a tick. */
	public static final GcRegime G1_QUIET = new GcRegime("g1-quiet", 1, 0.45, false, 0.25,
			LiveSetMeasurement.G1_MARKING, 0);

	/** Parallel GC: a full collection every ~50-60 ticks. */
	public static final GcRegime PARALLEL = new GcRegime("parallel", 8, 0.66, true, 0.33,
			LiveSetMeasurement.FULL_COLLECTION, 0);

	/**
	 * A cache churning at its cap on a 512 MiB G1 heap: the after-young floor climbs ~58 MiB a tick (1 MiB to 290 MiB
	 * in five minutes, measured in JVM-NOTES) until a marking and mixed cycle drop it.
	 */
	public static final GcRegime G1_CHURN = new GcRegime("g1-churn", 58, 0.6, false, 0.2,
			LiveSetMeasurement.G1_MARKING, 0);

	/** ZGC: a whole-heap cycle every 3 ticks under load, reclaiming all garbage, marking the live set. */
	public static final GcRegime ZGC = new GcRegime("zgc", 20, 1.0, true, 0.3, LiveSetMeasurement.ZGC_MARKING, 3);

	/** Shenandoah: a whole-heap cycle every 4 ticks under load. */
	public static final GcRegime SHENANDOAH = new GcRegime("shenandoah", 20, 1.0, true, 0.3,
			LiveSetMeasurement.SHENANDOAH_MARKING, 4);

	/**
	 * The collector family, for the accuracy table's per-collector rows.
	 * @return {@code G1}, {@code Parallel}, {@code ZGC} or {@code Shenandoah}
	 */
	public String collector() {
		return collector(this.name);
	}

	/**
	 * The collector family of a regime name, also for recorded traces ({@code g1-sample-app-wrk}, ...).
	 * @param regime the regime name
	 * @return the family
	 */
	public static String collector(String regime) {
		String lower = regime.toLowerCase(java.util.Locale.ROOT);
		if (lower.contains("g1")) {
			return "G1";
		}
		if (lower.contains("parallel")) {
			return "Parallel";
		}
		if (lower.contains("serial")) {
			return "Serial";
		}
		if (lower.contains("zgc")) {
			return "ZGC";
		}
		if (lower.contains("shenandoah")) {
			return "Shenandoah";
		}
		return regime;
	}

}
