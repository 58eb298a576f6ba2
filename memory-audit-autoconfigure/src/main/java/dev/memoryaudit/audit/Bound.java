package dev.memoryaudit.audit;

/**
 * Whether a structure's size (or an executor's thread count) has an upper bound.
 */
public enum Bound {

	/**
	 * A maximum size, weight, queue capacity or thread count is set.
	 */
	BOUNDED,

	/**
	 * Nothing limits it.
	 */
	UNBOUNDED,

	/**
	 * The implementation does not say (JCache and other caches).
	 */
	UNKNOWN,

	/**
	 * A wrapper hides the structure it delegates to.
	 */
	OPAQUE

}
