package dev.memoryaudit.histogram;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import javax.management.MBeanException;
import javax.management.ReflectionException;
import javax.management.RuntimeErrorException;
import javax.management.RuntimeMBeanException;

/**
 * Captures class histograms of the running JVM from a {@link HistogramSource} and never throws, reporting failures as
 * an unavailable {@link HistogramCapture}.
 * <p>
 * A histogram stops the application threads while the heap is walked; a live histogram runs a full GC first.
 * Captures are serialized so that concurrent callers cannot stack pauses. The default number of parallel inspection
 * threads is {@link #defaultParallelThreads()}.
 */
public class HistogramCapturer {

	private final HistogramSource source;

	private final int topN;

	private final int parallelThreads;

	private final Clock clock;

	private final Object lock = new Object();

	/**
	 * Creates a capturer using the DiagnosticCommand MBean, {@link #defaultParallelThreads()} and the UTC system
	 * clock.
	 * @param topN how many of the largest entries to keep in each histogram, at least 1
	 */
	public HistogramCapturer(int topN) {
		this(new DiagnosticCommandHistogramSource(), topN, defaultParallelThreads(), Clock.systemUTC());
	}

	/**
	 * Creates a capturer.
	 * @param source where histograms come from
	 * @param topN how many of the largest entries to keep in each histogram, at least 1
	 * @param parallelThreads threads the JVM should use to inspect the heap, or {@code 0} to let the JVM decide
	 * @param clock the clock giving {@link ClassHistogram#capturedAt()}
	 */
	public HistogramCapturer(HistogramSource source, int topN, int parallelThreads, Clock clock) {
		if (topN < 1) {
			throw new IllegalArgumentException("topN must be at least 1, got " + topN);
		}
		if (parallelThreads < 0) {
			throw new IllegalArgumentException("parallelThreads must not be negative, got " + parallelThreads);
		}
		this.source = Objects.requireNonNull(source, "source");
		this.topN = topN;
		this.parallelThreads = parallelThreads;
		this.clock = Objects.requireNonNull(clock, "clock");
	}

	/**
	 * Returns the default number of heap inspection threads: {@code min(availableProcessors, 2)}.
	 * <p>
	 * Application threads are stopped while the heap is walked, so spare cores shorten the pause at little cost;
	 * on a 2-core machine {@code -parallel=2} cut a 0.36&ndash;0.60 s pause over a 730 MB heap to about 0.23 s.
	 * Capping at 2 keeps the CPU burst small in containers with a CPU quota, where a burst over the quota is paid
	 * for by throttling right after the pause; pass a higher value where cores are plentiful.
	 * @return the default thread count, 1 or 2
	 */
	public static int defaultParallelThreads() {
		return Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), 2));
	}

	/**
	 * Captures a histogram.
	 * @param live {@code true} for live objects only (forces a full GC), {@code false} to pass {@code -all}
	 * @return the histogram, or the reason why none could be taken; never throws for failures of the source or of
	 * parsing (a {@link VirtualMachineError} such as {@link OutOfMemoryError} is not caught)
	 */
	public HistogramCapture capture(boolean live) {
		synchronized (this.lock) {
			Instant capturedAt = this.clock.instant();
			String text;
			long start = System.nanoTime();
			try {
				text = this.source.run(live, this.parallelThreads);
			}
			catch (HistogramUnavailableException ex) {
				return HistogramCapture.unavailable(String.valueOf(ex.getMessage()));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return HistogramCapture.unavailable("interrupted while waiting for the histogram");
			}
			catch (Exception | LinkageError ex) {
				return HistogramCapture.unavailable("GC.class_histogram failed (" + describe(ex) + ")");
			}
			Duration duration = Duration.ofNanos(System.nanoTime() - start);
			if (text == null) {
				return HistogramCapture.unavailable("GC.class_histogram returned no output");
			}
			try {
				return HistogramCapture.of(ClassHistogramParser.parse(text, this.topN, live, capturedAt, duration));
			}
			catch (RuntimeException ex) {
				return HistogramCapture.unavailable("output could not be parsed (" + describe(ex) + ")");
			}
		}
	}

	private static String describe(Throwable ex) {
		Throwable cause = ex;
		while ((cause instanceof MBeanException || cause instanceof RuntimeMBeanException
				|| cause instanceof ReflectionException || cause instanceof RuntimeErrorException)
				&& cause.getCause() != null) {
			cause = cause.getCause();
		}
		return cause.getClass().getName() + ((cause.getMessage() != null) ? ": " + cause.getMessage() : "");
	}

}
