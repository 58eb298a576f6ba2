package dev.memoryaudit.sample.web;

/**
 * Thrown when a requested allocation rate is missing its number or lies outside the allowed range.
 */
public class InvalidRateException extends RuntimeException {

	private final String allowed;

	public InvalidRateException(String message, String allowed) {
		super(message);
		this.allowed = allowed;
	}

	/**
	 * Returns a human-readable description of the values that would have been accepted.
	 * @return the allowed values
	 */
	public String getAllowed() {
		return this.allowed;
	}

}
