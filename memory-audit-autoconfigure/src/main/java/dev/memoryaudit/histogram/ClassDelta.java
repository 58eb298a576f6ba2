package dev.memoryaudit.histogram;

import java.util.Objects;

/**
 * How one class changed between two class histograms.
 *
 * @param className the class name as printed by the JVM
 * @param displayName the readable class name, see {@link ClassHistogramEntry#displayName()}
 * @param fromInstances instances in the earlier histogram ({@code 0} when absent from it)
 * @param toInstances instances in the later histogram ({@code 0} when absent from it)
 * @param instancesDelta {@code toInstances - fromInstances}
 * @param fromBytes bytes in the earlier histogram ({@code 0} when absent from it)
 * @param toBytes bytes in the later histogram ({@code 0} when absent from it)
 * @param bytesDelta {@code toBytes - fromBytes}
 * @param status how the class changed
 */
public record ClassDelta(String className, String displayName, long fromInstances, long toInstances,
		long instancesDelta, long fromBytes, long toBytes, long bytesDelta, Status status) {

	public ClassDelta {
		Objects.requireNonNull(className, "className");
		Objects.requireNonNull(displayName, "displayName");
		Objects.requireNonNull(status, "status");
	}

	static ClassDelta of(String className, long fromInstances, long toInstances, long fromBytes, long toBytes,
			Status status) {
		return new ClassDelta(className, ClassHistogramEntry.displayName(className), fromInstances, toInstances,
				toInstances - fromInstances, fromBytes, toBytes, toBytes - fromBytes, status);
	}

	/**
	 * Returns whether both sides were observed; for {@link Status#ENTERED_TOP} and {@link Status#LEFT_TOP} the
	 * missing side is reported as {@code 0} although the class may have held up to the cut-off of that histogram.
	 * @return {@code true} unless the status is {@code ENTERED_TOP} or {@code LEFT_TOP}
	 */
	public boolean exact() {
		return this.status != Status.ENTERED_TOP && this.status != Status.LEFT_TOP;
	}

	/**
	 * How a class changed between two histograms.
	 */
	public enum Status {

		/** Absent from the earlier histogram, which was complete: the class had no instances then. */
		NEW,

		/** Absent from the later histogram, which was complete: the class has no instances any more. */
		VANISHED,

		/**
		 * Absent from the earlier histogram, which was truncated: the class was below its cut-off then, so it may
		 * have existed with up to {@link ClassHistogram#cutoffBytes()} bytes.
		 */
		ENTERED_TOP,

		/**
		 * Absent from the later histogram, which was truncated: the class is below its cut-off now, with at most
		 * {@link ClassHistogram#cutoffBytes()} bytes, possibly none.
		 */
		LEFT_TOP,

		/** In both histograms with a different instance count or size. */
		CHANGED,

		/** In both histograms with the same instance count and size. */
		UNCHANGED

	}

}
