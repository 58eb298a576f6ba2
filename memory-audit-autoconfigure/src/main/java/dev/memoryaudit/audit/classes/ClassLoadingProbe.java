package dev.memoryaudit.audit.classes;

import java.lang.management.ClassLoadingMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import dev.memoryaudit.audit.Finding;
import dev.memoryaudit.audit.LeakProbe;
import dev.memoryaudit.audit.ProbeRow;
import dev.memoryaudit.audit.Severity;
import dev.memoryaudit.trend.SeriesAssessment;
import dev.memoryaudit.trend.Units;
import org.jspecify.annotations.Nullable;

/**
 * Follows loaded classes, metaspace and compressed class space as trends with their own verdict, and names the class
 * loaders behind their growth: every {@code statsEvery} ticks it reads {@code VM.classloader_stats} (loaders,
 * classes and metaspace per loader type) and compares with the first reading; while classes grow it reads
 * {@code VM.classloaders show-classes} at most as often to name the class-name pattern that grows within the loaders
 * of the growing type. Where the JVM has no such commands it says why and still follows the trends.
 */
public final class ClassLoadingProbe implements LeakProbe {

	/** Name of this probe. */
	public static final String NAME = "class-loading";

	/** Series of loaded classes. */
	public static final String LOADED = "classes.loaded";

	/** Series of metaspace used. */
	public static final String METASPACE = "classes.metaspace";

	/** Series of compressed class space used. */
	public static final String COMPRESSED = "classes.compressed-class-space";

	/** Gauge of live class loaders per type, tagged {@code type}. */
	public static final String LOADERS_GAUGE = "memory.audit.class.loaders";

	/** Loader types with a gauge, most loaders first. */
	static final int GAUGED_TYPES = 5;

	static final int PATTERNS_SHOWN = 3;

	private static final double MIB = 1024 * 1024;

	private final ClassLoadingMXBean classes;

	private final Supplier<List<MemoryPoolMXBean>> pools;

	private final ClassLoaderCommands commands;

	private final Settings settings;

	private long ticks;

	private long lastTree = Long.MIN_VALUE;

	private volatile boolean growing;

	private volatile @Nullable Map<String, ClassLoaderStats.TypeFigures> first;

	private volatile @Nullable Map<String, ClassLoaderStats.TypeFigures> previousStats;

	private volatile @Nullable Map<String, ClassLoaderStats.TypeFigures> latestStats;

	private volatile @Nullable String statsUnavailable;

	private volatile @Nullable Patterns patterns;

	private volatile @Nullable Figures latest;

	/**
	 * A probe of this JVM.
	 * @param settings the limits
	 */
	public ClassLoadingProbe(Settings settings) {
		this(ManagementFactory.getClassLoadingMXBean(), ManagementFactory::getMemoryPoolMXBeans,
				ClassLoaderCommands.diagnosticCommand(), settings);
	}

	/**
	 * A probe of the given sources.
	 * @param classes the class-loading bean
	 * @param pools the memory pools (Metaspace, Compressed Class Space are read)
	 * @param commands the class-loader commands
	 * @param settings the limits
	 */
	public ClassLoadingProbe(ClassLoadingMXBean classes, Supplier<List<MemoryPoolMXBean>> pools,
			ClassLoaderCommands commands, Settings settings) {
		this.classes = classes;
		this.pools = pools;
		this.commands = commands;
		this.settings = settings;
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public synchronized Map<String, Long> sample() {
		Map<String, Long> series = new LinkedHashMap<>();
		long loaded = this.classes.getLoadedClassCount();
		series.put(LOADED, loaded);
		Long metaspace = null;
		Long compressed = null;
		for (MemoryPoolMXBean pool : this.pools.get()) {
			if (pool.getName().equals("Metaspace")) {
				metaspace = pool.getUsage().getUsed();
			}
			else if (pool.getName().equals("Compressed Class Space")) {
				compressed = pool.getUsage().getUsed();
			}
		}
		if (metaspace != null) {
			series.put(METASPACE, metaspace);
		}
		if (compressed != null) {
			series.put(COMPRESSED, compressed);
		}
		this.latest = new Figures(loaded, this.classes.getTotalLoadedClassCount(), this.classes.getUnloadedClassCount(),
				metaspace, compressed);
		if (this.settings.statsEvery() > 0 && this.ticks % this.settings.statsEvery() == 0
				&& this.statsUnavailable == null) {
			readStats();
		}
		if (this.growing && this.statsUnavailable == null && this.settings.statsEvery() > 0
				&& (this.lastTree == Long.MIN_VALUE || this.ticks - this.lastTree >= this.settings.statsEvery())) {
			this.lastTree = this.ticks;
			if (this.ticks % this.settings.statsEvery() != 0) {
				readStats();
			}
			readTree();
		}
		this.ticks++;
		return series;
	}

	private void readStats() {
		try {
			Map<String, ClassLoaderStats.TypeFigures> stats = ClassLoaderStats.parse(this.commands.classLoaderStats());
			if (stats.isEmpty()) {
				this.statsUnavailable = "unavailable: VM.classloader_stats printed no loader lines on this JVM";
				return;
			}
			if (this.first == null || !this.growing) {
				// the baseline is the last reading before growth was seen, so start-up loading is not blamed
				this.first = stats;
				this.previousStats = null;
			}
			else {
				// while growing, the growth between the last two readings names what still grows, not a burst
				this.previousStats = this.latestStats;
			}
			this.latestStats = stats;
		}
		catch (Exception | LinkageError ex) {
			this.statsUnavailable = "unavailable: VM.classloader_stats cannot run on this JVM ("
					+ ex.getClass().getSimpleName() + ((ex.getMessage() != null) ? ": " + ex.getMessage() : "") + ")";
		}
	}

	private void readTree() {
		List<ClassLoaderStats.TypeGrowth> grown = growth();
		if (grown.isEmpty()) {
			return;
		}
		String type = grown.get(0).type();
		try {
			Map<String, Long> counts = ClassNamePatterns.count(this.commands.classLoaderTree(), type);
			this.patterns = new Patterns(type, counts);
		}
		catch (Exception | LinkageError ex) {
			this.patterns = new Patterns(type, Map.of("unavailable: VM.classloaders failed: " + ex, 0L));
		}
	}

	private List<ClassLoaderStats.TypeGrowth> growth() {
		Map<String, ClassLoaderStats.TypeFigures> now = this.latestStats;
		Map<String, ClassLoaderStats.TypeFigures> previous = this.previousStats;
		if (previous != null && now != null) {
			List<ClassLoaderStats.TypeGrowth> recent = ClassLoaderStats.growth(previous, now);
			if (!recent.isEmpty()) {
				return recent;
			}
		}
		Map<String, ClassLoaderStats.TypeFigures> before = this.first;
		if (before == null || now == null) {
			return List.of();
		}
		return ClassLoaderStats.growth(before, now);
	}

	@Override
	public ProbeRow assess(Trends trends) {
		Figures figures = this.latest;
		if (figures == null) {
			return ProbeRow.unavailable(NAME, "unavailable: not sampled yet");
		}
		List<SeriesAssessment> assessed = new ArrayList<>();
		SeriesAssessment loaded = trends.assess(LOADED, "classes", this.settings.minGrowth());
		assessed.add(loaded);
		SeriesAssessment metaspace = (figures.metaspace() != null)
				? trends.assess(METASPACE, "bytes", this.settings.minMetaspaceGrowthBytes()) : null;
		if (metaspace != null) {
			assessed.add(metaspace);
		}
		if (figures.compressed() != null) {
			assessed.add(trends.assess(COMPRESSED, "bytes", this.settings.minMetaspaceGrowthBytes()));
		}
		List<SeriesAssessment> growingTrends = assessed.stream().filter((t) -> t.verdict().isGrowth()).toList();
		this.growing = !growingTrends.isEmpty();
		List<ClassLoaderStats.TypeGrowth> grown = growth();
		Patterns names = this.patterns;
		List<Finding> findings = new ArrayList<>();
		if (!growingTrends.isEmpty()) {
			findings.add(finding(figures, loaded, metaspace, grown, names, this.statsUnavailable));
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("loadedClasses", figures.loaded());
		body.put("totalLoadedClasses", figures.totalLoaded());
		body.put("unloadedClasses", figures.unloaded());
		body.put("metaspaceBytes", figures.metaspace());
		body.put("compressedClassSpaceBytes", figures.compressed());
		Map<String, ClassLoaderStats.TypeFigures> stats = this.latestStats;
		body.put("loaderTypes", (stats != null) ? stats.size() : null);
		body.put("loaders", (stats != null) ? stats.values().stream().mapToLong(ClassLoaderStats.TypeFigures::loaders).sum() : null);
		body.put("growingLoaderTypes", grown.stream().limit(GAUGED_TYPES).toList());
		body.put("growingClassNames", (names != null) ? names.top(PATTERNS_SHOWN) : null);
		body.put("loaderStatistics", (this.statsUnavailable != null) ? this.statsUnavailable
				: "VM.classloader_stats every " + this.settings.statsEvery() + " ticks");
		List<String> notes = new ArrayList<>();
		if (this.statsUnavailable != null) {
			notes.add("class loader statistics " + this.statsUnavailable);
		}
		List<ProbeRow.Measure> measures = new ArrayList<>();
		if (stats != null) {
			stats.values()
				.stream()
				.sorted(java.util.Comparator.comparingLong(ClassLoaderStats.TypeFigures::loaders).reversed()
					.thenComparing(ClassLoaderStats.TypeFigures::type))
				.limit(GAUGED_TYPES)
				.forEach((t) -> measures.add(new ProbeRow.Measure(LOADERS_GAUGE, Map.of("type", t.type()), t.loaders())));
		}
		String summary = String.format(Locale.ROOT, "%d classes loaded (%d unloaded), metaspace %s%s%s", figures.loaded(),
				figures.unloaded(), (figures.metaspace() != null) ? Units.format(figures.metaspace(), "bytes") : "?",
				(stats != null) ? ", " + body.get("loaders") + " class loaders of " + stats.size() + " types" : "",
				findings.isEmpty() ? "" : "; growing behind " + (grown.isEmpty() ? "unknown loaders" : grown.get(0).type()));
		return new ProbeRow(NAME, ProbeRow.worst(growingTrends), summary, null, body, assessed, findings, notes,
				measures);
	}

	private Finding finding(Figures figures, SeriesAssessment loaded, @Nullable SeriesAssessment metaspace,
			List<ClassLoaderStats.TypeGrowth> grown, @Nullable Patterns names, @Nullable String unavailable) {
		StringBuilder message = new StringBuilder();
		message.append("loaded classes grew from ").append(whole(loaded.first())).append(" to ")
			.append(whole(loaded.last())).append(" (").append(loaded.verdict()).append(": ").append(loaded.reason())
			.append(")");
		if (metaspace != null && metaspace.first() != null && metaspace.last() != null) {
			message.append(String.format(Locale.ROOT, "; metaspace %.1f → %.1f MiB (%s)", metaspace.first() / MIB,
					metaspace.last() / MIB, metaspace.verdict()));
		}
		String structure = "class loaders";
		if (!grown.isEmpty()) {
			ClassLoaderStats.TypeGrowth top = grown.get(0);
			structure = top.type();
			message.append("; behind it: loader type ").append(top.type()).append(" (+").append(top.loaders())
				.append(" loaders, now ").append(top.now().loaders()).append("; +").append(top.classes())
				.append(" classes)");
			if (names != null && names.type().equals(top.type()) && !names.counts().isEmpty()) {
				message.append("; growing class names: ").append(names.top(PATTERNS_SHOWN));
			}
			if (grown.size() > 1 && grown.get(1).classes() * 4 >= top.classes()) {
				ClassLoaderStats.TypeGrowth second = grown.get(1);
				message.append("; also ").append(second.type()).append(" (+").append(second.loaders())
					.append(" loaders, +").append(second.classes()).append(" classes)");
			}
		}
		else if (unavailable != null) {
			message.append("; loaders ").append(unavailable);
		}
		String fix = "classes are generated per request or task into class loaders that stay reachable: create "
				+ "proxies once and reuse them (one Proxy/ProxyFactory/CGLIB Enhancer class per interface set, cached), "
				+ "compile a script or template once instead of per request (GroovyShell, GroovyClassLoader, Janino, "
				+ "JEXL), close() URLClassLoaders and drop every reference to a loader you are done with (a thread, "
				+ "a ThreadLocal, a static cache or a JDBC driver it registered keeps it alive); -XX:MaxMetaspaceSize "
				+ "makes the leak fail fast instead of swapping";
		return new Finding(structure, "class-loader", Severity.CLASSES_GROWING, message.toString(), fix);
	}

	private static String whole(@Nullable Double value) {
		return (value != null) ? String.valueOf(Math.round(value)) : "?";
	}

	/**
	 * Limits of the probe.
	 *
	 * @param minGrowth loaded classes added over the trend window below which they are not growing
	 * @param minMetaspaceGrowthBytes metaspace (or compressed class space) added over the window below which it is
	 * not growing
	 * @param statsEvery read the class-loader statistics every n-th tick (and the loader tree at most as often while
	 * classes grow); 0 never
	 */
	public record Settings(long minGrowth, long minMetaspaceGrowthBytes, int statsEvery) {

		public Settings {
			if (minGrowth < 0 || minMetaspaceGrowthBytes < 0 || statsEvery < 0) {
				throw new IllegalArgumentException("class-loading limits must not be negative");
			}
		}

		/**
		 * The documented defaults.
		 * @return the defaults
		 */
		public static Settings defaults() {
			return new Settings(500, 16 * 1024 * 1024, 10);
		}

	}

	private record Figures(long loaded, long totalLoaded, long unloaded, @Nullable Long metaspace,
			@Nullable Long compressed) {

	}

	private record Patterns(String type, Map<String, Long> counts) {

		Map<String, Long> top(int limit) {
			Map<String, Long> top = new LinkedHashMap<>();
			this.counts.entrySet().stream().limit(limit).forEach((e) -> top.put(e.getKey(), e.getValue()));
			return top;
		}

	}

}
