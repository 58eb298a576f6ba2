package dev.memoryaudit.sample.structures;

import java.time.Duration;
import java.util.concurrent.ThreadPoolExecutor;

import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.caffeine.CaffeineCacheManager;
import org.springframework.cache.concurrent.ConcurrentMapCacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * Structures for the auditors to find: bounded Caffeine caches ({@code cities} by count, {@code catalog} by weight,
 * {@code sample.catalog.max-bytes}, 48 MiB by default), an unbounded {@code ConcurrentMapCache}, a bounded executor and
 * one with an unbounded queue.
 */
@Configuration(proxyBeanMethods = false)
@EnableCaching
public class StructuresConfiguration {

	/** Maximum entries of the bounded {@code cities} cache. */
	public static final long CITIES_MAXIMUM_SIZE = 500;

	/** The bounded {@code catalog} cache: entries weighed by their value's length, evicted above this many bytes. */
	public static final String CATALOG = "catalog";

	@Bean
	@Primary
	CaffeineCacheManager cacheManager(@Value("${sample.catalog.max-bytes:50331648}") long catalogMaxBytes) {
		CaffeineCacheManager manager = new CaffeineCacheManager("cities");
		manager.setCaffeine(Caffeine.newBuilder()
			.maximumSize(CITIES_MAXIMUM_SIZE)
			.expireAfterWrite(Duration.ofMinutes(10))
			.recordStats());
		// a large bounded cache that fills up after start-up and then churns at its cap: healthy, but its growth looks
		// like a leak until it is full
		manager.registerCustomCache(CATALOG, Caffeine.newBuilder()
			.maximumWeight(catalogMaxBytes)
			.weigher((Object key, Object value) -> (value instanceof byte[] bytes) ? bytes.length : 64)
			.recordStats()
			.build());
		return manager;
	}

	@Bean
	ConcurrentMapCacheManager localCacheManager() {
		return new ConcurrentMapCacheManager("sessions");
	}

	@Bean
	ThreadPoolTaskExecutor boundedExecutor() {
		ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
		executor.setThreadNamePrefix("bounded-");
		executor.setCorePoolSize(2);
		executor.setMaxPoolSize(4);
		executor.setQueueCapacity(100);
		executor.setRejectedExecutionHandler(new ThreadPoolExecutor.CallerRunsPolicy());
		return executor;
	}

	@Bean
	ThreadPoolTaskExecutor unboundedQueueExecutor() {
		ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
		executor.setThreadNamePrefix("unbounded-queue-");
		executor.setCorePoolSize(2);
		executor.setMaxPoolSize(2);
		return executor;
	}

}
