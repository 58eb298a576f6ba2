package dev.memoryaudit.snapshot;

import java.time.Instant;

/**
 * An exact measurement of the live set, taken by the collector itself or by a live class histogram: no promoted
 * garbage, no mixed-collection residue.
 *
 * @param time when the live set was measured
 * @param bytes the live bytes measured
 * @param source where the measurement came from, one of the constants of this record
 */
public record LiveSetMeasurement(Instant time, long bytes, String source) {

	/** G1: bytes marked live in old and humongous regions at the end of a concurrent marking (remark). */
	public static final String G1_MARKING = "g1-marking";

	/** ZGC: bytes marked live at the end of a (major) cycle's marking, as the collector logs them. */
	public static final String ZGC_MARKING = "zgc-marking";

	/**
	 * Shenandoah: heap used at final mark less all garbage, as Shenandoah logs them (objects allocated during
	 * marking count as live).
	 */
	public static final String SHENANDOAH_MARKING = "shenandoah-marking";

	/** Parallel, Serial and G1 full collections: heap usage right after the collection. */
	public static final String FULL_COLLECTION = "full-collection";

	/** The total of a live class histogram (it forces a full collection first). */
	public static final String LIVE_HISTOGRAM = "live-histogram";

	/**
	 * Whether the measurement came from the collector's own work, with no pause of ours.
	 * @return {@code true} for every source but {@link #LIVE_HISTOGRAM}
	 */
	public boolean fromCollector() {
		return !LIVE_HISTOGRAM.equals(this.source);
	}

}
