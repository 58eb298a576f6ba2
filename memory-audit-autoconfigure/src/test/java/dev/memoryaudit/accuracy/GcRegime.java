package dev.memoryaudit.accuracy;

/**
 * How a modelled collector treats promoted garbage: how much dies in the old generation per tick, and at which
 * old-generation occupancy a reclaiming collection (G1 mixed cycle, Parallel full GC) runs.
 *
 * @param name the regime name written into traces
 * @param promotedGarbageMibPerTick promoted objects that die in the old generation per tick, on average
 * @param reclaimAtFraction old-generation occupancy, as a fraction of heap max, that triggers a reclaiming collection
 * (G1's IHOP of 45 %, Parallel's old generation of about two thirds of the heap filling up)
 * @param full whether reclaiming collections are full (all promoted garbage reclaimed) rather than mixed (most of it)
 * @param youngFraction the young generation as a fraction of heap max (amplitude of the raw heap sawtooth)
 */
public record GcRegime(String name, double promotedGarbageMibPerTick, double reclaimAtFraction, boolean full,
		double youngFraction) {

	/** G1 under steady load: a mixed cycle every ~13 ticks. */
	public static final GcRegime G1_FREQUENT = new GcRegime("g1-frequent", 20, 0.45, false, 0.25);

	/** G1 under light load: a mixed cycle every ~2 hours. */
	public static final GcRegime G1_RARE = new GcRegime("g1-rare", 2, 0.45, false, 0.25);

	/** G1 that sees no old collection for hours: the after-young floor creeps up by 1 MiB a tick. */
	public static final GcRegime G1_QUIET = new GcRegime("g1-quiet", 1, 0.45, false, 0.25);

	/** Parallel GC: a full collection every ~50-60 ticks. */
	public static final GcRegime PARALLEL = new GcRegime("parallel", 8, 0.66, true, 0.33);

	/**
	 * A cache churning at its cap on a 512 MiB G1 heap: the after-young floor climbs ~58 MiB a tick (1 MiB to 290 MiB
	 * in five minutes, measured in JVM-NOTES) until a mixed cycle drops it.
	 */
	public static final GcRegime G1_CHURN = new GcRegime("g1-churn", 58, 0.6, false, 0.2);

}
