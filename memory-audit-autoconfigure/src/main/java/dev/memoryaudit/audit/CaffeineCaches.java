package dev.memoryaudit.audit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Policy;

/**
 * Reads a Caffeine cache's policy: maximum size or weight, expiry, refresh, estimated and weighted size. Loaded only
 * when Caffeine is on the classpath.
 */
public final class CaffeineCaches {

	private CaffeineCaches() {
	}

	/**
	 * Reads a cache.
	 * @param name the name to report it under
	 * @param cache the native cache
	 * @return the structure
	 */
	public static AuditedStructure read(String name, Cache<?, ?> cache) {
		Policy<?, ?> policy = cache.policy();
		long estimated = cache.estimatedSize();
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("estimatedSize", estimated);
		List<String> parts = new ArrayList<>();
		Bound bound = Bound.UNBOUNDED;
		Long capacity = null;
		long size = estimated;
		String unit = "entries";
		Policy.Eviction<?, ?> eviction = policy.eviction().orElse(null);
		if (eviction != null) {
			bound = Bound.BOUNDED;
			capacity = eviction.getMaximum();
			if (eviction.isWeighted()) {
				unit = "weight";
				size = eviction.weightedSize().orElse(estimated);
				details.put("weightedSize", size);
				parts.add("maximumWeight=" + capacity);
			}
			else {
				parts.add("maximumSize=" + capacity);
			}
		}
		boolean expiring = false;
		Policy.FixedExpiration<?, ?> afterWrite = policy.expireAfterWrite().orElse(null);
		if (afterWrite != null) {
			expiring = true;
			parts.add("expireAfterWrite=" + duration(afterWrite.getExpiresAfter(TimeUnit.NANOSECONDS)));
		}
		Policy.FixedExpiration<?, ?> afterAccess = policy.expireAfterAccess().orElse(null);
		if (afterAccess != null) {
			expiring = true;
			parts.add("expireAfterAccess=" + duration(afterAccess.getExpiresAfter(TimeUnit.NANOSECONDS)));
		}
		if (policy.expireVariably().isPresent()) {
			expiring = true;
			parts.add("expireVariably");
		}
		policy.refreshAfterWrite()
			.ifPresent((refresh) -> parts.add("refreshAfterWrite=" + duration(refresh.getRefreshesAfter(TimeUnit.NANOSECONDS))));
		details.put("recordingStats", policy.isRecordingStats());
		return new AuditedStructure(name, StructureKind.CACHE, cache.getClass().getName(), bound, size, capacity, unit,
				parts.isEmpty() ? "-" : String.join(", ", parts), expiring, null, false, details, null);
	}

	static String duration(long nanos) {
		return Duration.ofNanos(nanos).toString().substring(2).toLowerCase(java.util.Locale.ROOT);
	}

}
