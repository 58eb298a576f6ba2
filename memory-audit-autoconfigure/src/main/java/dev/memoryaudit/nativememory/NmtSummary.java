package dev.memoryaudit.nativememory;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The totals and per-category committed bytes of a Native Memory Tracking summary.
 *
 * @param reservedBytes total reserved bytes
 * @param committedBytes total committed bytes
 * @param committedByCategory committed bytes per category, keyed by slug ({@code java-heap}, {@code class},
 * {@code thread}, ...), in report order
 */
public record NmtSummary(long reservedBytes, long committedBytes, Map<String, Long> committedByCategory) {

	public NmtSummary {
		committedByCategory = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(committedByCategory));
	}

}
