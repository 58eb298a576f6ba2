package dev.memoryaudit.audit;

import java.util.Locale;

/**
 * What kind of structure was audited; its {@link #value()} is the {@code kind} tag of the meters.
 */
public enum StructureKind {

	/**
	 * A cache of a {@code CacheManager}.
	 */
	CACHE,

	/**
	 * An executor; its size is the queue.
	 */
	EXECUTOR,

	/**
	 * A collection registered with the {@link CollectionRegistry}.
	 */
	COLLECTION;

	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

}
