package dev.memoryaudit.actuate;

import org.springframework.boot.actuate.endpoint.Producible;
import org.springframework.util.MimeType;
import org.springframework.util.MimeTypeUtils;

/**
 * The media types the memory-audit read operations produce: JSON by default, markdown when asked for.
 */
public enum ReportFormat implements Producible<ReportFormat> {

	/**
	 * Actuator's own JSON media type.
	 */
	ACTUATOR_JSON("application/vnd.spring-boot.actuator.v3+json"),

	/**
	 * Plain JSON, the default.
	 */
	JSON("application/json"),

	/**
	 * Markdown for people: tables and sparklines.
	 */
	MARKDOWN("text/markdown;charset=UTF-8");

	private final MimeType mimeType;

	ReportFormat(String mimeType) {
		this.mimeType = MimeTypeUtils.parseMimeType(mimeType);
	}

	@Override
	public MimeType getProducedMimeType() {
		return this.mimeType;
	}

	@Override
	public boolean isDefault() {
		return this == JSON;
	}

}
