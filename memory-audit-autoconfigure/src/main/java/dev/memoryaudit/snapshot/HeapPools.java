package dev.memoryaudit.snapshot;

import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Locale;

/**
 * Tells long-lived heap pools (old generation, or the single pool of a one-generation collector) from the young ones.
 */
public final class HeapPools {

	private HeapPools() {
	}

	/**
	 * Whether the pool holds long-lived objects.
	 * @param pool the pool
	 * @return {@code true} for old-generation or single-generation heap pools
	 */
	public static boolean isLongLived(MemoryPoolMXBean pool) {
		return pool.getType() == MemoryType.HEAP && isLongLivedName(pool.getName());
	}

	/**
	 * Whether a heap pool name denotes long-lived objects: anything but eden, survivor, young or nursery spaces.
	 * @param heapPoolName the name of a heap pool
	 * @return {@code true} for old-generation or single-generation heap pools
	 */
	public static boolean isLongLivedName(String heapPoolName) {
		String name = heapPoolName.toLowerCase(Locale.ROOT);
		return !(name.contains("eden") || name.contains("survivor") || name.contains("young")
				|| name.contains("nursery"));
	}

}
