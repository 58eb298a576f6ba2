package dev.memoryaudit.audit;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Reuses the series-key strings a probe builds from a prefix and a name, so that every snapshot of the history shares
 * one copy of each key instead of holding its own; bounded, beyond the bound keys are built afresh.
 */
public final class SeriesKeys {

	private final String prefix;

	private final int limit;

	private final ConcurrentHashMap<String, String> keys = new ConcurrentHashMap<>();

	/**
	 * Creates a cache.
	 * @param prefix the prefix of every key
	 * @param limit names remembered at most
	 */
	public SeriesKeys(String prefix, int limit) {
		this.prefix = prefix;
		this.limit = limit;
	}

	/**
	 * The key of a name.
	 * @param name the name
	 * @return {@code prefix + name}, the same instance for the same name while the cache has room
	 */
	public String of(String name) {
		String key = this.keys.get(name);
		if (key != null) {
			return key;
		}
		key = this.prefix + name;
		if (this.keys.size() < this.limit) {
			String existing = this.keys.putIfAbsent(name, key);
			return (existing != null) ? existing : key;
		}
		return key;
	}

}
