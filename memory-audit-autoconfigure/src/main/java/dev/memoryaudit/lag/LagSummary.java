package dev.memoryaudit.lag;

import java.time.Duration;

/**
 * Wake-up lag over a recent window.
 *
 * @param window the window the figures cover
 * @param samples samples in the window
 * @param p99Nanos 99th percentile of the lag (nearest rank), 0 without samples
 * @param maxNanos the largest lag, 0 without samples
 */
public record LagSummary(Duration window, int samples, long p99Nanos, long maxNanos) {

	public double p99Millis() {
		return this.p99Nanos / 1e6;
	}

	public double maxMillis() {
		return this.maxNanos / 1e6;
	}

}
