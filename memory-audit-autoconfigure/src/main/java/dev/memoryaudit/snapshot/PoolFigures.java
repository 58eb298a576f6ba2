package dev.memoryaudit.snapshot;

import org.jspecify.annotations.Nullable;

/**
 * Usage of one memory pool at snapshot time.
 *
 * @param name the pool name as the JVM reports it (e.g. {@code G1 Old Gen}, {@code Metaspace})
 * @param heap whether it is a heap pool
 * @param longLived whether it holds long-lived objects (old generation or a single-generation heap)
 * @param used bytes in use
 * @param committed bytes committed
 * @param max maximum bytes, {@code -1} when undefined
 * @param usedAfterLastGc bytes in use after the pool's most recent collection, when the JVM reports it
 */
public record PoolFigures(String name, boolean heap, boolean longLived, long used, long committed, long max,
		@Nullable Long usedAfterLastGc) {
}
