package dev.memoryaudit.histogram;

/**
 * Thrown by a {@link HistogramSource} when this JVM cannot produce a class histogram at all.
 */
public class HistogramUnavailableException extends Exception {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates an exception whose message says why no histogram can be produced.
	 * @param message the reason, without a "histogram unavailable" prefix
	 */
	public HistogramUnavailableException(String message) {
		super(message);
	}

}
