package dev.memoryaudit.sample.structures;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.memoryaudit.sample.web.InvalidRateException;

import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Puts entries into the sample's caches, so that the audit shows them filling: {@code POST /caches/fill?entries=},
 * {@code /caches/churn} and {@code /caches/catalog}.
 */
@RestController
@RequestMapping("/caches")
public class CacheController {

	/** Most entries per request. */
	static final long MAX_ENTRIES = 100_000;

	private final Cache cities;

	private final Cache catalog;

	private final Cache sessions;

	private long next;

	public CacheController(CacheManager cacheManager,
			org.springframework.cache.concurrent.ConcurrentMapCacheManager localCacheManager) {
		this.cities = cacheManager.getCache("cities");
		this.catalog = cacheManager.getCache(StructuresConfiguration.CATALOG);
		this.sessions = localCacheManager.getCache("sessions");
	}

	@PostMapping("/fill")
	public synchronized ResponseEntity<Map<String, Object>> fill(
			@RequestParam(name = "entries", required = false) String entries) {
		long count = parse(entries);
		for (long i = 0; i < count; i++) {
			long key = this.next++;
			this.cities.put(key, "city-" + key);
			this.sessions.put(key, "session-" + key);
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("added", count);
		body.put("total", this.next);
		return ResponseEntity.ok(body);
	}

	/**
	 * Churns the bounded {@code cities} cache at its cap: new keys with 4 KiB values, so entries are evicted as fast as
	 * they arrive. Nothing accumulates, but evicted entries that lived long enough are promoted before they die.
	 * @param entries how many entries to put, 1 to {@value #MAX_ENTRIES}
	 * @return what was done
	 */
	@PostMapping("/churn")
	public synchronized ResponseEntity<Map<String, Object>> churn(
			@RequestParam(name = "entries", required = false) String entries) {
		long count = parse(entries);
		for (long i = 0; i < count; i++) {
			long key = this.next++;
			this.cities.put(key, new byte[4096]);
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("churned", count);
		body.put("total", this.next);
		return ResponseEntity.ok(body);
	}

	/**
	 * Puts new entries of 16 KiB into the bounded {@code catalog} cache: it fills up to its weight cap
	 * ({@code sample.catalog.max-bytes}) and then churns there, evicting as fast as entries arrive.
	 * @param entries how many entries to put, 1 to {@value #MAX_ENTRIES}
	 * @return what was done
	 */
	@PostMapping("/catalog")
	public synchronized ResponseEntity<Map<String, Object>> catalog(
			@RequestParam(name = "entries", required = false) String entries) {
		long count = parse(entries);
		for (long i = 0; i < count; i++) {
			long key = this.next++;
			this.catalog.put(key, new byte[16 * 1024]);
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("cataloged", count);
		body.put("total", this.next);
		return ResponseEntity.ok(body);
	}

	private static long parse(String entries) {
		if (entries == null || entries.isBlank()) {
			return 100;
		}
		try {
			long count = Long.parseLong(entries.strip());
			if (count >= 1 && count <= MAX_ENTRIES) {
				return count;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		throw new InvalidRateException("entries must be a whole number between 1 and " + MAX_ENTRIES,
				"1 to " + MAX_ENTRIES + " entries");
	}

}
