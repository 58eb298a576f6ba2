package dev.memoryaudit.container;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Reads a memory cgroup's figures from its files, in the v1 or v2 layout. Each file is read once per call; a missing,
 * unreadable or malformed file makes only the figures that need it unavailable, with the reason.
 * <ul>
 * <li>v2: {@code memory.max} (of the cgroup and every ancestor up to the mount point: the lowest is the effective
 * limit), {@code memory.current}, {@code memory.high}, {@code memory.stat} ({@code anon}, {@code file},
 * {@code inactive_file}), {@code memory.swap.current}, {@code memory.events}.</li>
 * <li>v1: {@code memory.limit_in_bytes} and {@code hierarchical_memory_limit} from {@code memory.stat} (the lowest is
 * the effective limit), {@code memory.usage_in_bytes}, {@code memory.stat} ({@code total_rss}, {@code total_cache},
 * {@code total_inactive_file}), {@code memory.memsw.usage_in_bytes} (swap is the difference), {@code memory.failcnt},
 * {@code memory.oom_control}.</li>
 * </ul>
 */
public final class CgroupMemoryReader {

	/**
	 * Limits at or above this read as "no limit": v1 writes {@code PAGE_COUNTER_MAX} pages (9223372036854771712 with
	 * 4 KiB pages) when unlimited.
	 */
	static final long UNLIMITED = 1L << 62;

	private final Clock clock;

	/**
	 * Creates a reader.
	 * @param clock stamps the figures
	 */
	public CgroupMemoryReader(Clock clock) {
		this.clock = clock;
	}

	/**
	 * Reads the figures.
	 * @param location a found cgroup
	 * @return the figures
	 * @throws IllegalArgumentException when the location was not found
	 */
	public ContainerMemory read(CgroupLocation location) {
		Path directory = location.directory();
		Path mountPoint = location.mountPoint();
		if (!location.available() || directory == null || mountPoint == null) {
			throw new IllegalArgumentException("no cgroup to read: " + location.unavailableReason());
		}
		Figures figures = new Figures(directory);
		return CgroupLocation.V2.equals(location.version()) ? readV2(figures, directory, mountPoint)
				: readV1(figures, directory);
	}

	private ContainerMemory readV2(Figures f, Path directory, Path mountPoint) {
		Limit limit = v2Limit(f, directory, mountPoint);
		Long usage = f.single("usage", "memory.current");
		Map<String, Long> stat = f.keyed("memory.stat", "anon", "pageCache", "inactiveFile");
		Long anon = f.key(stat, "memory.stat", "anon", "anon");
		Long file = f.key(stat, "memory.stat", "file", "pageCache");
		Long inactiveFile = f.key(stat, "memory.stat", "inactive_file", "inactiveFile");
		Long high = f.singleOrMax("high", "memory.high");
		Long swap = f.optional("swap", "memory.swap.current", "swap is not accounted here (no memory.swap.current)");
		Map<String, Long> events = f.keyed("memory.events", "limitHits", "oomEvents", "oomKills", "highEvents");
		return new ContainerMemory(this.clock.instant(), CgroupLocation.V2, directory.toString(), limit.bytes(), usage,
				workingSet(usage, inactiveFile, f), high, anon, file, inactiveFile, swap,
				f.key(events, "memory.events", "max", "limitHits"), f.key(events, "memory.events", "oom", "oomEvents"),
				f.key(events, "memory.events", "oom_kill", "oomKills"),
				f.key(events, "memory.events", "high", "highEvents"), limit.limited(), f.unavailable);
	}

	private static Limit v2Limit(Figures f, Path directory, Path mountPoint) {
		Long lowest = null;
		boolean readAny = false;
		for (Path dir = directory; dir != null && dir.startsWith(mountPoint); dir = dir.getParent()) {
			String text = f.text(dir.resolve("memory.max"));
			if (text == null) {
				if (dir.equals(directory)) {
					f.unavailable.put("limit", f.why(dir.resolve("memory.max")));
					return new Limit(null, false);
				}
				continue; // the root cgroup has no memory.max
			}
			readAny = true;
			if ("max".equals(text)) {
				continue;
			}
			Long value = parse(text);
			if (value == null) {
				f.unavailable.put("limit", "malformed " + dir.resolve("memory.max") + ": '" + text + "'");
				return new Limit(null, false);
			}
			lowest = (lowest == null) ? value : Math.min(lowest, value);
			if (dir.equals(mountPoint)) {
				break;
			}
		}
		return new Limit(lowest, readAny && lowest != null);
	}

	private ContainerMemory readV1(Figures f, Path directory) {
		Long ownLimit = f.single("limit", "memory.limit_in_bytes");
		Map<String, Long> stat = f.keyed("memory.stat", "anon", "pageCache", "inactiveFile");
		Long hierarchical = stat.get("hierarchical_memory_limit");
		Long limit = null;
		boolean limited = false;
		if (ownLimit != null) {
			long effective = (hierarchical != null) ? Math.min(ownLimit, hierarchical) : ownLimit;
			limited = effective < UNLIMITED;
			limit = limited ? effective : null;
		}
		Long usage = f.single("usage", "memory.usage_in_bytes");
		Long anon = firstKey(f, stat, "anon", "total_rss", "rss");
		Long cache = firstKey(f, stat, "pageCache", "total_cache", "cache");
		Long inactiveFile = firstKey(f, stat, "inactiveFile", "total_inactive_file", "inactive_file");
		Long memsw = f.optional("swap", "memory.memsw.usage_in_bytes",
				"swap is not accounted here (no memory.memsw.usage_in_bytes: swapaccount=0)");
		Long swap = (memsw != null && usage != null) ? Math.max(0, memsw - usage) : null;
		Long failcnt = f.single("limitHits", "memory.failcnt");
		Map<String, Long> oom = f.keyed("memory.oom_control", "oomKills");
		Long oomKills = oom.get("oom_kill");
		if (oomKills == null && !oom.isEmpty()) {
			f.unavailable.put("oomKills", "memory.oom_control has no oom_kill line (kernels before 4.13 do not count "
					+ "OOM kills per cgroup)");
		}
		f.unavailable.put("high", "cgroup v1 has no memory.high (its soft limit only orders reclaim)");
		f.unavailable.put("highEvents", "cgroup v1 has no memory.high");
		f.unavailable.put("oomEvents", "cgroup v1 does not count OOM events (memory.oom_control under_oom is only the "
				+ "current state)");
		return new ContainerMemory(this.clock.instant(), CgroupLocation.V1, directory.toString(), limit, usage,
				workingSet(usage, inactiveFile, f), null, anon, cache, inactiveFile, swap, failcnt, null, oomKills,
				null, limited, f.unavailable);
	}

	private static @Nullable Long firstKey(Figures f, Map<String, Long> stat, String figure, String... keys) {
		for (String key : keys) {
			Long value = stat.get(key);
			if (value != null) {
				return value;
			}
		}
		if (!f.unavailable.containsKey(figure)) {
			f.unavailable.put(figure, "memory.stat has none of " + String.join(", ", keys));
		}
		return null;
	}

	private static @Nullable Long workingSet(@Nullable Long usage, @Nullable Long inactiveFile, Figures f) {
		if (usage == null) {
			f.unavailable.put("workingSet", "needs usage: " + f.unavailable.get("usage"));
			return null;
		}
		return (inactiveFile != null) ? Math.max(0, usage - inactiveFile) : usage;
	}

	static @Nullable Long parse(String text) {
		try {
			long value = Long.parseLong(text.trim());
			return (value >= 0) ? value : null;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private record Limit(@Nullable Long bytes, boolean limited) {
	}

	/**
	 * The files of one read, and what could not be read.
	 */
	private static final class Figures {

		private final Path directory;

		private final Map<String, String> unavailable = new LinkedHashMap<>();

		private final Map<String, Map<String, Long>> keyedFiles = new HashMap<>();

		Figures(Path directory) {
			this.directory = directory;
		}

		@Nullable String text(Path file) {
			try {
				return Files.readString(file, StandardCharsets.US_ASCII).trim();
			}
			catch (IOException | RuntimeException ex) {
				return null;
			}
		}

		String why(Path file) {
			try {
				Files.readString(file, StandardCharsets.US_ASCII);
				return "unreadable " + file;
			}
			catch (NoSuchFileException ex) {
				return "no " + file;
			}
			catch (IOException | RuntimeException ex) {
				return "cannot read " + file + ": " + ex;
			}
		}

		@Nullable Long single(String figure, String name) {
			Path file = this.directory.resolve(name);
			String text = text(file);
			if (text == null) {
				this.unavailable.put(figure, why(file));
				return null;
			}
			Long value = parse(text);
			if (value == null) {
				this.unavailable.put(figure, "malformed " + file + ": '" + abbreviate(text) + "'");
			}
			return value;
		}

		/** A single value where {@code max} means unset. */
		@Nullable Long singleOrMax(String figure, String name) {
			Path file = this.directory.resolve(name);
			String text = text(file);
			if (text == null) {
				this.unavailable.put(figure, why(file));
				return null;
			}
			if ("max".equals(text)) {
				return null;
			}
			Long value = parse(text);
			if (value == null) {
				this.unavailable.put(figure, "malformed " + file + ": '" + abbreviate(text) + "'");
			}
			return value;
		}

		/** A file that may legitimately be absent (swap accounting off). */
		@Nullable Long optional(String figure, String name, String whyAbsent) {
			Path file = this.directory.resolve(name);
			if (!Files.exists(file)) {
				this.unavailable.put(figure, whyAbsent);
				return null;
			}
			return single(figure, name);
		}

		/**
		 * A {@code key value} file; when it cannot be read, every figure that needs it is unavailable. Lines that do
		 * not parse are skipped.
		 */
		Map<String, Long> keyed(String name, String... figures) {
			Map<String, Long> cached = this.keyedFiles.get(name);
			if (cached != null) {
				return cached;
			}
			Path file = this.directory.resolve(name);
			String text = text(file);
			Map<String, Long> values = new HashMap<>();
			if (text == null) {
				String why = why(file);
				for (String figure : figures) {
					this.unavailable.putIfAbsent(figure, why);
				}
			}
			else {
				for (String line : text.split("\n")) {
					String[] parts = line.trim().split("\\s+");
					Long value = (parts.length == 2) ? parse(parts[1]) : null;
					if (value != null) {
						values.put(parts[0], value);
					}
				}
			}
			this.keyedFiles.put(name, values);
			return values;
		}

		@Nullable Long key(Map<String, Long> values, String name, String key, String figure) {
			Long value = values.get(key);
			if (value == null && !this.unavailable.containsKey(figure)) {
				this.unavailable.put(figure, name + " has no '" + key + "' line");
			}
			return value;
		}

		private static String abbreviate(String text) {
			return (text.length() <= 40) ? text : text.substring(0, 40) + "...";
		}

	}

}
