package dev.memoryaudit.audit;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CaffeineCaches} on real Caffeine caches.
 */
class CaffeineCachesTests {

	private final FindingRules rules = new FindingRules(0.8);

	@Test
	void weighedCacheReportsWeightExpiryAndRefresh() {
		LoadingCache<String, String> cache = Caffeine.newBuilder()
			.maximumWeight(1000)
			.weigher((String k, String v) -> v.length())
			.expireAfterAccess(Duration.ofMinutes(5))
			.refreshAfterWrite(Duration.ofMinutes(1))
			.executor(Runnable::run)
			.build((key) -> "x".repeat(100));
		cache.get("a");
		cache.get("b");
		AuditedStructure s = CaffeineCaches.read("weighed", cache);
		assertThat(s.bound()).isEqualTo(Bound.BOUNDED);
		assertThat(s.unit()).isEqualTo("weight");
		assertThat(s.capacity()).isEqualTo(1000);
		assertThat(s.size()).isEqualTo(200);
		assertThat(s.details()).containsEntry("estimatedSize", 2L);
		assertThat(s.policy()).isEqualTo("maximumWeight=1000, expireAfterAccess=5m, refreshAfterWrite=1m");
		assertThat(s.expiring()).isTrue();
		assertThat(this.rules.findings(s, null)).isEmpty();
	}

	@Test
	void cacheWithoutBoundOrExpiryIsUnbounded() {
		Cache<Integer, Integer> cache = Caffeine.newBuilder().build();
		cache.put(1, 1);
		AuditedStructure s = CaffeineCaches.read("plain", cache);
		assertThat(s.bound()).isEqualTo(Bound.UNBOUNDED);
		assertThat(s.size()).isEqualTo(1);
		assertThat(this.rules.findings(s, null)).singleElement()
			.satisfies((f) -> assertThat(f.severity()).isEqualTo(Severity.UNBOUNDED));
	}

	@Test
	void cacheWithExpiryButNoSizeBoundIsNotFlaggedUnbounded() {
		Cache<Integer, Integer> cache = Caffeine.newBuilder().expireAfterWrite(Duration.ofSeconds(30)).build();
		AuditedStructure s = CaffeineCaches.read("expiring", cache);
		assertThat(s.bound()).isEqualTo(Bound.UNBOUNDED);
		assertThat(s.policy()).isEqualTo("expireAfterWrite=30s");
		assertThat(this.rules.findings(s, null)).isEmpty();
	}

}
