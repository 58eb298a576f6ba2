package dev.memoryaudit.histogram;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The outcome of a histogram capture: either a histogram or the reason why none could be taken.
 *
 * @param histogram the histogram, or {@code null} if unavailable
 * @param unavailableReason why no histogram was taken, starting with {@value #UNAVAILABLE_PREFIX}, or {@code null}
 * if a histogram is present
 */
public record HistogramCapture(@Nullable ClassHistogram histogram, @Nullable String unavailableReason) {

	/** Prefix of every {@link #unavailableReason()}. */
	public static final String UNAVAILABLE_PREFIX = "histogram unavailable: ";

	public HistogramCapture {
		if ((histogram == null) == (unavailableReason == null)) {
			throw new IllegalArgumentException("Exactly one of histogram and unavailableReason must be present");
		}
	}

	/**
	 * Creates a successful capture.
	 * @param histogram the histogram
	 * @return the capture
	 */
	public static HistogramCapture of(ClassHistogram histogram) {
		return new HistogramCapture(Objects.requireNonNull(histogram, "histogram"), null);
	}

	/**
	 * Creates an unavailable capture.
	 * @param detail why no histogram was taken; {@value #UNAVAILABLE_PREFIX} is prepended
	 * @return the capture
	 */
	public static HistogramCapture unavailable(String detail) {
		return new HistogramCapture(null, UNAVAILABLE_PREFIX + detail);
	}

	/**
	 * Returns whether a histogram was taken.
	 * @return {@code true} if {@link #histogram()} is present
	 */
	public boolean available() {
		return this.histogram != null;
	}

}
