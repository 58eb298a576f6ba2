package dev.memoryaudit.trend;

/**
 * The verdict on a series or on the whole process, from least to most alarming.
 */
public enum Verdict {

	/**
	 * Not enough points after warm-up to say anything.
	 */
	INSUFFICIENT_DATA,

	/**
	 * No significant sustained growth.
	 */
	STABLE,

	/**
	 * Significant growth, but slowing down, or resting only on weak evidence.
	 */
	GROWING,

	/**
	 * Significant, sustained, non-saturating growth on strong evidence.
	 */
	LEAK_SUSPECTED;

	/**
	 * The more alarming of two verdicts.
	 * @param other the other verdict
	 * @return the more alarming one
	 */
	public Verdict worst(Verdict other) {
		return (other.ordinal() > ordinal()) ? other : this;
	}

	public boolean isGrowth() {
		return this == GROWING || this == LEAK_SUSPECTED;
	}

}
