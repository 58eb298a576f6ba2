package dev.memoryaudit.fd;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Open file descriptors counted by type at one moment.
 *
 * @param time when the census was taken
 * @param counts classified descriptors per type, every type present
 * @param listed descriptors listed in the directory (the census' own directory handle excluded)
 * @param classified descriptors whose link target was read and classified
 * @param truncation why not every listed descriptor was classified (cap or time budget), or {@code null}
 * @param tookNanos how long the census took
 */
public record FdCensus(Instant time, Map<FdType, Long> counts, long listed, long classified,
		@Nullable String truncation, long tookNanos) {

	public FdCensus {
		EnumMap<FdType, Long> all = new EnumMap<>(FdType.class);
		for (FdType type : FdType.values()) {
			all.put(type, counts.getOrDefault(type, 0L));
		}
		counts = Map.copyOf(all);
	}

	/**
	 * Whether the cap or the time budget cut the census short.
	 * @return {@code true} when some listed descriptors were not classified
	 */
	public boolean truncated() {
		return this.truncation != null;
	}

	/**
	 * The count of one type.
	 * @param type the type
	 * @return classified descriptors of that type
	 */
	public long count(FdType type) {
		return this.counts.get(type);
	}

}
