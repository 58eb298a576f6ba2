package dev.memoryaudit.sample.springleaks;

import java.util.Locale;

/**
 * The switchable cases; {@link #value()} is the path segment of {@code POST /spring-leaks/{case}/start}.
 */
public enum SpringLeak {

	/** RestClient calls with a concatenated URI: the {@code uri} tag of {@code http.client.requests} grows. */
	RAW_URI,

	/** A proxy generated per request in a fresh class loader that a cache keeps: classes and metaspace grow. */
	CLASS_LOADERS,

	/** A request without the session cookie that calls {@code getSession()}: a new session per request. */
	SESSIONS,

	/** The same requests done right: templated URIs, one proxy class, the session cookie sent back. */
	HEALTHY;

	public String value() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

	/**
	 * The case of a path segment.
	 * @param value {@code raw-uri}, {@code class-loaders}, {@code sessions} or {@code healthy}
	 * @return the case
	 * @throws IllegalArgumentException for any other value
	 */
	public static SpringLeak of(String value) {
		for (SpringLeak leak : values()) {
			if (leak.value().equals(value)) {
				return leak;
			}
		}
		throw new IllegalArgumentException("unknown case '" + value + "': raw-uri, class-loaders, sessions, healthy");
	}

}
