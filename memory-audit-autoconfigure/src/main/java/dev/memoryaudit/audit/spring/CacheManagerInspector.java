package dev.memoryaudit.audit.spring;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.memoryaudit.audit.AuditedStructure;
import dev.memoryaudit.audit.Bound;
import dev.memoryaudit.audit.CaffeineCaches;
import dev.memoryaudit.audit.StructureInspector;
import dev.memoryaudit.audit.StructureKind;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.cache.concurrent.ConcurrentMapCache;
import org.springframework.util.ClassUtils;

/**
 * Reads every cache of every already-created {@link CacheManager} bean: Caffeine caches through their policy (when
 * Caffeine is on the classpath), {@link ConcurrentMapCache} as always unbounded, anything else as bound unknown with
 * the implementation named.
 */
public final class CacheManagerInspector implements StructureInspector {

	private static final boolean CAFFEINE_PRESENT = ClassUtils.isPresent(
			"org.springframework.cache.caffeine.CaffeineCache", CacheManagerInspector.class.getClassLoader())
			&& ClassUtils.isPresent("com.github.benmanes.caffeine.cache.Cache",
					CacheManagerInspector.class.getClassLoader());

	private final ConfigurableListableBeanFactory beanFactory;

	public CacheManagerInspector(ConfigurableListableBeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	@Override
	public List<AuditedStructure> inspect() {
		List<AuditedStructure> structures = new ArrayList<>();
		for (String beanName : this.beanFactory.getBeanNamesForType(CacheManager.class, false, false)) {
			Object bean = this.beanFactory.getSingleton(beanName);
			if (!(bean instanceof CacheManager manager)) {
				continue;
			}
			List<String> cacheNames;
			try {
				cacheNames = List.copyOf(manager.getCacheNames());
			}
			catch (RuntimeException ex) {
				structures.add(AuditedStructure.unreadable(beanName, StructureKind.CACHE, bean.getClass().getName(), ex));
				continue;
			}
			for (String cacheName : cacheNames) {
				String name = "cacheManager".equals(beanName) ? cacheName : beanName + "." + cacheName;
				try {
					Cache cache = manager.getCache(cacheName);
					if (cache != null) {
						structures.add(withOrigin(read(name, cache), beanName, cacheName));
					}
				}
				catch (RuntimeException | LinkageError ex) {
					structures.add(AuditedStructure.unreadable(name, StructureKind.CACHE, bean.getClass().getName(), ex));
				}
			}
		}
		return structures;
	}

	private static AuditedStructure withOrigin(AuditedStructure read, String managerName, String cacheName) {
		Map<String, Object> details = new java.util.LinkedHashMap<>(read.details());
		details.put("cacheManager", managerName);
		details.put("cacheName", cacheName);
		return new AuditedStructure(read.name(), read.kind(), read.implementation(), read.bound(), read.size(),
				read.capacity(), read.unit(), read.policy(), read.expiring(), read.threads(), read.unboundedByDesign(),
				details, read.unreadable());
	}

	static AuditedStructure read(String name, Cache cache) {
		if (CAFFEINE_PRESENT && CaffeineReader.isCaffeine(cache)) {
			return CaffeineReader.read(name, cache);
		}
		if (cache instanceof ConcurrentMapCache concurrent) {
			return new AuditedStructure(name, StructureKind.CACHE, concurrent.getNativeCache().getClass().getName(),
					Bound.UNBOUNDED, (long) concurrent.getNativeCache().size(), null, "entries", "-", false, null,
					false, Map.of("springCache", cache.getClass().getName()), null);
		}
		Object nativeCache = cache.getNativeCache();
		return new AuditedStructure(name, StructureKind.CACHE, nativeCache.getClass().getName(), Bound.UNKNOWN, null,
				null, "entries", "unknown", false, null, false, Map.of("springCache", cache.getClass().getName()),
				null);
	}

	/**
	 * Touches Caffeine types; loaded only when Caffeine and Spring's Caffeine support are present.
	 */
	private static final class CaffeineReader {

		static boolean isCaffeine(Cache cache) {
			return cache instanceof org.springframework.cache.caffeine.CaffeineCache;
		}

		static AuditedStructure read(String name, Cache cache) {
			return CaffeineCaches.read(name, ((org.springframework.cache.caffeine.CaffeineCache) cache).getNativeCache());
		}

	}

}
