package dev.memoryaudit.test;

import java.lang.ref.Reference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

import org.junit.jupiter.api.function.Executable;
import org.jspecify.annotations.Nullable;

import dev.memoryaudit.histogram.ClassHistogram;
import dev.memoryaudit.histogram.HistogramCapture;
import dev.memoryaudit.histogram.HistogramCapturer;
import dev.memoryaudit.histogram.HistogramDiff;
import dev.memoryaudit.trend.stats.MannKendall;
import dev.memoryaudit.trend.stats.TheilSen;

/**
 * Runs a block many times and fails when the live set (heap in use after a full GC) grows significantly faster than a
 * limit in bytes per iteration. Immutable; every setter returns a copy.
 * <p>
 * A check runs {@link #warmup(int) warm-up} iterations, then a round of {@link #iterations(int) iterations} with
 * {@link #samples(int) samples} evenly spaced live-set measurements (the first before the first iteration, the last
 * after the last), each right after a forced full GC. The growth is the Theil–Sen slope of live bytes against the
 * iteration count; a round suspects a leak when that slope is above {@link #maxBytesPerIteration(double) the limit}
 * and a one-sided Mann–Kendall test on {@code liveBytes - limit * iteration} finds an upward trend at the
 * {@link #significance(double) significance level}. A suspicion is re-measured in
 * {@link #confirmations(int) confirmation rounds} (no new warm-up) and the check fails only if every round suspects a
 * leak, so one-off growth (a lazily filled cache, a late class load) does not fail it while a real leak, which grows
 * in every round, does. Live class histograms taken at the start and end of the last round then name the classes that
 * grew. With at least one confirmation round, a passing check takes no histogram.
 * <p>
 * Defaults: 10,000 iterations after 1,000 warm-up, 10 samples, limit 32 bytes per iteration, significance 0.01, one
 * confirmation round. Measured here (2 cores, JDK 17, G1): a trivial block takes about 0.1–0.3 s per passing check;
 * see {@code docs/testing-for-leaks.md}. Other threads allocating or leaking at the same time are measured too, so do
 * not run leak checks in parallel with other tests.
 */
public final class LeakCheck {

	private static final LeakCheck DEFAULTS = new LeakCheck(10_000, 1_000, 10, 32.0, 0.01, 1,
			(line) -> System.out.println(line));

	private final int iterations;

	private final int warmup;

	private final int samples;

	private final double maxBytesPerIteration;

	private final double significance;

	private final int confirmations;

	private final Consumer<String> log;

	private LeakCheck(int iterations, int warmup, int samples, double maxBytesPerIteration, double significance,
			int confirmations, Consumer<String> log) {
		this.iterations = iterations;
		this.warmup = warmup;
		this.samples = samples;
		this.maxBytesPerIteration = maxBytesPerIteration;
		this.significance = significance;
		this.confirmations = confirmations;
		this.log = log;
	}

	/**
	 * Returns a check with the documented defaults.
	 * @return the default check
	 */
	public static LeakCheck defaults() {
		return DEFAULTS;
	}

	/**
	 * Returns a default check with the given number of measured iterations per round.
	 * @param iterations measured iterations per round, at least {@code samples - 1}
	 * @return the check
	 */
	public static LeakCheck iterations(int iterations) {
		return DEFAULTS.withIterations(iterations);
	}

	/**
	 * Runs the default check on a block; shorthand for {@code LeakCheck.defaults().assertNoLeak(block)}.
	 * @param block the code to repeat
	 * @return the report of the passing check
	 * @throws AssertionError if a leak is suspected
	 */
	public static LeakReport run(Executable block) {
		return DEFAULTS.assertNoLeak(block);
	}

	/**
	 * Returns a copy with the given number of measured iterations per round.
	 * @param iterations at least {@code samples - 1}
	 * @return the copy
	 */
	public LeakCheck withIterations(int iterations) {
		return new LeakCheck(iterations, this.warmup, this.samples, this.maxBytesPerIteration, this.significance,
				this.confirmations, this.log).validated();
	}

	/**
	 * Returns a copy with the given number of unmeasured warm-up iterations (JIT compilation, lazy caches, pools).
	 * @param warmup at least 0
	 * @return the copy
	 */
	public LeakCheck warmup(int warmup) {
		return new LeakCheck(this.iterations, warmup, this.samples, this.maxBytesPerIteration, this.significance,
				this.confirmations, this.log).validated();
	}

	/**
	 * Returns a copy that measures the live set this many times per round (each a full GC).
	 * @param samples between 4 and 1,000; up to 10 the Mann–Kendall p-value is exact
	 * @return the copy
	 */
	public LeakCheck samples(int samples) {
		return new LeakCheck(this.iterations, this.warmup, samples, this.maxBytesPerIteration, this.significance,
				this.confirmations, this.log).validated();
	}

	/**
	 * Returns a copy with the given growth limit.
	 * @param maxBytesPerIteration live-set growth per iteration tolerated, at least 0
	 * @return the copy
	 */
	public LeakCheck maxBytesPerIteration(double maxBytesPerIteration) {
		return new LeakCheck(this.iterations, this.warmup, this.samples, maxBytesPerIteration, this.significance,
				this.confirmations, this.log).validated();
	}

	/**
	 * Returns a copy with the given significance level of the trend test.
	 * @param significance in (0, 0.5)
	 * @return the copy
	 */
	public LeakCheck significance(double significance) {
		return new LeakCheck(this.iterations, this.warmup, this.samples, this.maxBytesPerIteration, significance,
				this.confirmations, this.log).validated();
	}

	/**
	 * Returns a copy that re-measures a suspected leak this many more times before failing.
	 * @param confirmations 0 to fail on the first suspicious round, at most 5
	 * @return the copy
	 */
	public LeakCheck confirmations(int confirmations) {
		return new LeakCheck(this.iterations, this.warmup, this.samples, this.maxBytesPerIteration, this.significance,
				confirmations, this.log).validated();
	}

	/**
	 * Returns a copy that passes its one-line {@link LeakReport#summary() summary} to the given consumer (default:
	 * standard output); use {@code line -> {}} to stay quiet.
	 * @param log receives one line per check
	 * @return the copy
	 */
	public LeakCheck log(Consumer<String> log) {
		return new LeakCheck(this.iterations, this.warmup, this.samples, this.maxBytesPerIteration, this.significance,
				this.confirmations, Objects.requireNonNull(log, "log"));
	}

	private LeakCheck validated() {
		require(this.samples >= 4 && this.samples <= 1_000, "samples must be between 4 and 1000, got " + this.samples);
		require(this.iterations >= this.samples - 1,
				"iterations must be at least samples - 1 (" + (this.samples - 1) + "), got " + this.iterations);
		require(this.warmup >= 0, "warmup must not be negative, got " + this.warmup);
		require(this.maxBytesPerIteration >= 0 && Double.isFinite(this.maxBytesPerIteration),
				"maxBytesPerIteration must be a finite number >= 0, got " + this.maxBytesPerIteration);
		require(this.significance > 0 && this.significance < 0.5,
				"significance must be in (0, 0.5), got " + this.significance);
		require(this.confirmations >= 0 && this.confirmations <= 5,
				"confirmations must be between 0 and 5, got " + this.confirmations);
		return this;
	}

	private static void require(boolean condition, String message) {
		if (!condition) {
			throw new IllegalArgumentException(message);
		}
	}

	/**
	 * Runs the check and fails on a suspected leak.
	 * @param block the code to repeat; it must let go of everything it allocates unless that is the leak
	 * @return the report of the passing check
	 * @throws AssertionError with {@link LeakReport#failureMessage()} if a leak is suspected; whatever the block
	 * throws is rethrown unchanged
	 */
	public LeakReport assertNoLeak(Executable block) {
		LeakReport report = measure(block);
		if (report.leakSuspected()) {
			throw new AssertionError(report.failureMessage());
		}
		return report;
	}

	/**
	 * Runs the check without failing.
	 * @param block the code to repeat
	 * @return the report
	 */
	public LeakReport measure(Executable block) {
		Objects.requireNonNull(block, "block");
		long start = System.nanoTime();
		FullGc gc = new FullGc();
		for (int i = 0; i < this.warmup; i++) {
			Blocks.run(block);
		}
		int rounds = 1 + this.confirmations;
		List<LeakRound> measured = new ArrayList<>(rounds);
		HistogramCapturer histograms = null;
		ClassHistogram before = null;
		String histogramUnavailable = null;
		for (int r = 0; r < rounds; r++) {
			boolean last = r == rounds - 1;
			if (last) {
				histograms = new HistogramCapturer(Integer.MAX_VALUE);
				// The baseline is taken while an earlier histogram is alive, so that the end histogram, taken while
				// the baseline is alive, does not count a histogram's own objects as growth.
				HistogramCapture ballast = histograms.capture(true);
				HistogramCapture capture = ballast.available() ? histograms.capture(true) : ballast;
				Reference.reachabilityFence(ballast); // compiled code would otherwise free it before the baseline
				before = capture.histogram();
				histogramUnavailable = capture.unavailableReason();
			}
			LeakRound round = round(block, gc);
			measured.add(round);
			if (!round.leakSuspected()) {
				return finish(measured, false, start, gc, null, null);
			}
		}
		HistogramDiff growth = null;
		if (before != null && histograms != null) {
			HistogramCapture after = histograms.capture(true);
			ClassHistogram histogram = after.histogram();
			if (histogram != null) {
				growth = HistogramDiff.between(before, histogram, 20);
			}
			else {
				histogramUnavailable = after.unavailableReason();
			}
		}
		return finish(measured, true, start, gc, growth, histogramUnavailable);
	}

	private LeakReport finish(List<LeakRound> rounds, boolean leak, long start, FullGc gc,
			@Nullable HistogramDiff growth, @Nullable String histogramUnavailable) {
		LeakReport report = new LeakReport(this.iterations, this.warmup, this.maxBytesPerIteration, this.significance,
				rounds, leak, Duration.ofNanos(System.nanoTime() - start), gc.count(), gc.method(), growth,
				histogramUnavailable);
		this.log.accept(report.summary());
		return report;
	}

	private LeakRound round(Executable block, FullGc gc) {
		List<LiveSetSample> samples = new ArrayList<>(this.samples);
		samples.add(new LiveSetSample(0, gc.collect()));
		long done = 0;
		for (int s = 1; s < this.samples; s++) {
			long target = (long) this.iterations * s / (this.samples - 1);
			for (; done < target; done++) {
				Blocks.run(block);
			}
			samples.add(new LiveSetSample(done, gc.collect()));
		}
		return assess(samples, this.maxBytesPerIteration, this.significance);
	}

	static LeakRound assess(List<LiveSetSample> samples, double limit, double significance) {
		int n = samples.size();
		double[] x = new double[n];
		double[] y = new double[n];
		double[] excess = new double[n];
		for (int i = 0; i < n; i++) {
			x[i] = samples.get(i).iteration();
			y[i] = samples.get(i).liveBytes();
			excess[i] = y[i] - limit * x[i];
		}
		double slope = TheilSen.fit(x, y).slope();
		double p = MannKendall.test(excess).pValueIncreasing();
		return new LeakRound(samples, slope, p, slope > limit && p < significance);
	}

}
