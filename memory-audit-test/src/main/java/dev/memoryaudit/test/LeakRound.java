package dev.memoryaudit.test;

import java.util.List;

/**
 * One measured round of a {@link LeakCheck}: its samples, the fitted growth and whether it suspects a leak.
 *
 * @param samples the live-set samples, oldest first
 * @param bytesPerIteration Theil–Sen slope of live bytes against iterations
 * @param pValue one-sided Mann–Kendall p-value for "the live set grows faster than the limit", computed on
 * {@code liveBytes - limit * iteration}
 * @param leakSuspected whether the slope is above the limit and the p-value below the significance level
 */
public record LeakRound(List<LiveSetSample> samples, double bytesPerIteration, double pValue, boolean leakSuspected) {

	public LeakRound {
		samples = List.copyOf(samples);
	}

	/**
	 * Returns the live-set change from the first to the last sample.
	 * @return the change in bytes
	 */
	public long bytesDelta() {
		return this.samples.get(this.samples.size() - 1).liveBytes() - this.samples.get(0).liveBytes();
	}

}
