package dev.memoryaudit.engine;

/**
 * A lookup in history that found nothing: an unknown or expired snapshot id, or too few histograms. The message says
 * what was asked for, {@link #allowed()} what exists.
 */
public final class HistoryLookupException extends RuntimeException {

	private final String allowed;

	public HistoryLookupException(String message, String allowed) {
		super(message);
		this.allowed = allowed;
	}

	/**
	 * What the history holds, for the error message.
	 * @return what is allowed
	 */
	public String allowed() {
		return this.allowed;
	}

}
