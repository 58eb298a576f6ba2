package dev.memoryaudit.audit.meters;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

import dev.memoryaudit.audit.Finding;
import dev.memoryaudit.audit.LeakProbe;
import dev.memoryaudit.audit.ProbeRow;
import dev.memoryaudit.audit.SeriesKeys;
import dev.memoryaudit.audit.Severity;
import dev.memoryaudit.trend.SeriesAssessment;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import org.jspecify.annotations.Nullable;

/**
 * Audits the cardinality of a {@link MeterRegistry}: meters per name, distinct values per tag key of the names that
 * grow most, and (every {@code scrapeEvery} ticks, when a registry renders a Prometheus scrape) the scrape's samples
 * and bytes. A name whose meter count grows significantly is reported with the tag whose values grow and a few of
 * them, and the fix.
 * <p>
 * Work per tick is two passes over {@code getMeters()}; memory is bounded by {@code maxNames} remembered names and
 * {@code maxValuesPerTag} distinct values per tag key of the {@code trackedNames} tracked names.
 */
public final class MeterCardinalityProbe implements LeakProbe {

	/** Name of this probe. */
	public static final String NAME = "meter-registry";

	/** Series of all meters in the registry. */
	public static final String TOTAL = "meters.total";

	/** Prefix of the per-name series of tracked names. */
	public static final String NAME_PREFIX = "meters.name.";

	/** Series of the scrape's bytes. */
	public static final String SCRAPE_BYTES = "meters.scrape.bytes";

	/** Series of the scrape's samples. */
	public static final String SCRAPE_SAMPLES = "meters.scrape.samples";

	/** Gauge of all meters in the registry. */
	public static final String METERS_GAUGE = "memory.audit.meters";

	/** Gauge of the meters of one tracked name, tagged {@code name}. */
	public static final String NAME_GAUGE = "memory.audit.meters.name";

	/** Gauge of the scrape's bytes. */
	public static final String SCRAPE_SIZE_GAUGE = "memory.audit.scrape.size";

	/** Gauge of the scrape's samples. */
	public static final String SCRAPE_SAMPLES_GAUGE = "memory.audit.scrape.samples";

	/** Tracked names, those that grew most first, with a {@link #NAME_GAUGE} gauge. */
	static final int GAUGED_NAMES = 5;

	static final int EXAMPLES = 3;

	static final int TOP_NAMES = 10;

	private final Supplier<@Nullable MeterRegistry> registry;

	private final Settings settings;

	private final SeriesKeys keys;

	private final Map<String, Integer> firstCounts = new HashMap<>();

	private final Map<String, Map<String, Integer>> firstDistinct = new HashMap<>();

	private long ticks;

	private volatile @Nullable Latest latest;

	/**
	 * Creates the probe.
	 * @param registry supplies the registry to audit, {@code null} when there is none
	 * @param settings the limits
	 */
	public MeterCardinalityProbe(Supplier<@Nullable MeterRegistry> registry, Settings settings) {
		this.registry = registry;
		this.settings = settings;
		this.keys = new SeriesKeys(NAME_PREFIX, settings.maxNames());
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public synchronized Map<String, Long> sample() {
		MeterRegistry meterRegistry = this.registry.get();
		if (meterRegistry == null) {
			this.latest = null;
			return Map.of();
		}
		List<Meter> meters = meterRegistry.getMeters();
		Map<String, int[]> counts = new HashMap<>();
		int overflow = 0;
		for (Meter meter : meters) {
			String name = meter.getId().getName();
			int[] count = counts.get(name);
			if (count == null) {
				if (counts.size() >= this.settings.maxNames()) {
					overflow++;
					continue;
				}
				count = new int[1];
				counts.put(name, count);
			}
			count[0]++;
		}
		for (Map.Entry<String, int[]> entry : counts.entrySet()) {
			if (this.firstCounts.size() < this.settings.maxNames()) {
				this.firstCounts.putIfAbsent(entry.getKey(), entry.getValue()[0]);
			}
		}
		this.firstCounts.keySet().retainAll(counts.keySet());
		List<String> tracked = counts.keySet()
			.stream()
			.sorted(Comparator.<String>comparingInt((n) -> counts.get(n)[0] - this.firstCounts.getOrDefault(n, 0))
				.thenComparingInt((n) -> counts.get(n)[0])
				.reversed()
				.thenComparing(Comparator.naturalOrder()))
			.limit(this.settings.trackedNames())
			.toList();
		Map<String, Map<String, Set<String>>> values = new HashMap<>();
		tracked.forEach((name) -> values.put(name, new HashMap<>()));
		Map<String, Set<String>> capped = new HashMap<>();
		for (Meter meter : meters) {
			Map<String, Set<String>> byKey = values.get(meter.getId().getName());
			if (byKey == null) {
				continue;
			}
			for (Tag tag : meter.getId().getTagsAsIterable()) {
				Set<String> distinct = byKey.computeIfAbsent(tag.getKey(), (k) -> new HashSet<>());
				if (distinct.size() < this.settings.maxValuesPerTag()) {
					distinct.add(tag.getValue());
				}
				else if (!distinct.contains(tag.getValue())) {
					capped.computeIfAbsent(meter.getId().getName(), (k) -> new TreeSet<>()).add(tag.getKey());
				}
			}
		}
		this.firstDistinct.keySet().retainAll(this.firstCounts.keySet());
		List<NameFigures> names = new ArrayList<>();
		for (String name : tracked) {
			Map<String, Integer> distinct = new LinkedHashMap<>();
			values.get(name).forEach((key, set) -> distinct.put(key, set.size()));
			Map<String, Integer> first = this.firstDistinct.computeIfAbsent(name, (n) -> new HashMap<>(distinct));
			String offending = offendingTag(distinct, first);
			List<String> examples = (offending != null)
					? values.get(name).get(offending).stream().sorted().limit(EXAMPLES).toList() : List.of();
			names.add(new NameFigures(name, counts.get(name)[0], this.firstCounts.getOrDefault(name, 0), distinct,
					capped.getOrDefault(name, Set.of()), offending, examples));
		}
		Map<String, Long> series = new LinkedHashMap<>();
		series.put(TOTAL, (long) meters.size());
		for (NameFigures name : names) {
			series.put(this.keys.of(name.name()), (long) name.meters());
		}
		Scrape scrape = (this.latest != null) ? this.latest.scrape() : null;
		if (this.settings.scrapeEvery() > 0 && this.ticks % this.settings.scrapeEvery() == 0) {
			scrape = scrape(meterRegistry);
			if (scrape.bytes() != null) {
				series.put(SCRAPE_BYTES, scrape.bytes());
				series.put(SCRAPE_SAMPLES, scrape.samples());
			}
		}
		this.ticks++;
		List<Map.Entry<String, int[]>> largest = new ArrayList<>(counts.entrySet());
		largest.sort(Comparator.<Map.Entry<String, int[]>>comparingInt((e) -> e.getValue()[0]).reversed()
			.thenComparing(Map.Entry.comparingByKey()));
		Map<String, Integer> top = new LinkedHashMap<>();
		largest.stream().limit(TOP_NAMES).forEach((e) -> top.put(e.getKey(), e.getValue()[0]));
		this.latest = new Latest(meters.size(), counts.size(), overflow, top, names, scrape);
		return series;
	}

	/**
	 * The tag key whose distinct values grew most since the name was first tracked, ties broken by most values.
	 * @param now distinct values per key now
	 * @param first distinct values per key when first tracked
	 * @return the key, {@code null} when the name has no tags
	 */
	static @Nullable String offendingTag(Map<String, Integer> now, Map<String, Integer> first) {
		String best = null;
		int bestGrowth = Integer.MIN_VALUE;
		int bestCount = -1;
		for (Map.Entry<String, Integer> entry : now.entrySet()) {
			int growth = entry.getValue() - first.getOrDefault(entry.getKey(), 0);
			if (growth > bestGrowth || (growth == bestGrowth && entry.getValue() > bestCount)) {
				best = entry.getKey();
				bestGrowth = growth;
				bestCount = entry.getValue();
			}
		}
		return best;
	}

	private static Scrape scrape(MeterRegistry registry) {
		Object renderer = null;
		Method method = null;
		for (MeterRegistry candidate : registries(registry)) {
			try {
				Method scrape = candidate.getClass().getMethod("scrape");
				if (scrape.getReturnType() == String.class) {
					renderer = candidate;
					method = scrape;
					break;
				}
			}
			catch (NoSuchMethodException ex) {
				// not a scraping registry
			}
		}
		if (method == null) {
			return new Scrape(null, null, null, "unavailable: no registry renders a scrape (PrometheusMeterRegistry)");
		}
		long start = System.nanoTime();
		String text;
		try {
			text = (String) method.invoke(renderer);
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			return new Scrape(null, null, null, "unavailable: scrape failed: " + ex);
		}
		long micros = (System.nanoTime() - start) / 1000;
		long bytes = 0;
		long samples = 0;
		boolean lineStart = true;
		boolean comment = false;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			bytes += (c < 0x80) ? 1 : (c < 0x800) ? 2 : Character.isSurrogate(c) ? 2 : 3;
			if (lineStart) {
				comment = c == '#';
				if (!comment && c != '\n') {
					samples++;
				}
			}
			lineStart = c == '\n';
		}
		return new Scrape(bytes, samples, micros, renderer.getClass().getSimpleName());
	}

	private static List<MeterRegistry> registries(MeterRegistry registry) {
		List<MeterRegistry> all = new ArrayList<>();
		all.add(registry);
		if (registry instanceof CompositeMeterRegistry composite) {
			for (MeterRegistry inner : composite.getRegistries()) {
				all.addAll(registries(inner));
			}
		}
		return all;
	}

	@Override
	public ProbeRow assess(Trends trends) {
		Latest figures = this.latest;
		if (figures == null) {
			return ProbeRow.unavailable(NAME, "unavailable: no MeterRegistry (Micrometer) in this application");
		}
		List<SeriesAssessment> assessed = new ArrayList<>();
		assessed.add(trends.assess(TOTAL, "meters", this.settings.minGrowth()));
		SeriesAssessment scrapeTrend = null;
		if (figures.scrape() != null && figures.scrape().bytes() != null) {
			scrapeTrend = trends.assess(SCRAPE_BYTES, "bytes", this.settings.minScrapeGrowthBytes());
			assessed.add(scrapeTrend);
		}
		List<Finding> findings = new ArrayList<>();
		List<SeriesAssessment> growing = new ArrayList<>();
		List<Map<String, Object>> tracked = new ArrayList<>();
		for (NameFigures name : figures.names()) {
			SeriesAssessment trend = trends.assess(this.keys.of(name.name()), "meters", this.settings.minGrowth());
			Map<String, Object> row = new LinkedHashMap<>();
			row.put("name", name.name());
			row.put("meters", name.meters());
			row.put("metersWhenFirstSeen", name.firstMeters());
			row.put("distinctValuesPerTag", name.distinct());
			row.put("tagsOverValueCap", name.capped());
			row.put("offendingTag", name.offendingTag());
			row.put("examples", name.examples());
			row.put("verdict", trend.verdict());
			tracked.add(row);
			if (trend.verdict().isGrowth()) {
				growing.add(trend);
				assessed.add(trend);
				findings.add(finding(name, trend, figures.scrape()));
			}
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("meters", figures.meters());
		body.put("names", figures.nameCount());
		body.put("largestNames", figures.top());
		body.put("tracked", tracked);
		body.put("namesOverCap", figures.overflow());
		body.put("scrape", figures.scrape());
		List<String> notes = new ArrayList<>();
		if (figures.overflow() > 0) {
			notes.add(figures.overflow() + " meters of names beyond the " + this.settings.maxNames()
					+ " remembered were counted in the total only");
		}
		if (figures.scrape() != null && figures.scrape().bytes() == null) {
			notes.add("scrape size " + figures.scrape().renderer());
		}
		String scrapeText = (figures.scrape() != null && figures.scrape().bytes() != null)
				? String.format(Locale.ROOT, "; scrape %d samples, %d KiB (rendered every %d ticks)",
						figures.scrape().samples(), figures.scrape().bytes() / 1024, this.settings.scrapeEvery())
				: "";
		String largest = figures.top().isEmpty() ? "" : ", largest " + figures.top().entrySet().iterator().next();
		String summary = figures.meters() + " meters under " + figures.nameCount() + " names" + largest + scrapeText
				+ (growing.isEmpty() ? "" : "; growing: "
						+ String.join(", ", findings.stream().map(Finding::structure).toList()));
		List<ProbeRow.Measure> measures = new ArrayList<>();
		measures.add(ProbeRow.Measure.of(METERS_GAUGE, figures.meters()));
		Scrape scrape = figures.scrape();
		measures.add(ProbeRow.Measure.of(SCRAPE_SIZE_GAUGE,
				(scrape != null && scrape.bytes() != null) ? scrape.bytes() : Double.NaN));
		measures.add(ProbeRow.Measure.of(SCRAPE_SAMPLES_GAUGE,
				(scrape != null && scrape.samples() != null) ? scrape.samples() : Double.NaN));
		figures.names()
			.stream()
			.limit(GAUGED_NAMES)
			.forEach((name) -> measures.add(new ProbeRow.Measure(NAME_GAUGE, Map.of("name", name.name()), name.meters())));
		return new ProbeRow(NAME, ProbeRow.worst(growing), summary, null, body, assessed, findings, notes, measures);
	}

	private static Finding finding(NameFigures name, SeriesAssessment trend, @Nullable Scrape scrape) {
		String tag = name.offendingTag();
		StringBuilder message = new StringBuilder();
		message.append("meters named ").append(name.name()).append(" grew from ").append(whole(trend.first()))
			.append(" to ").append(whole(trend.last())).append(": ").append(trend.reason());
		if (tag != null) {
			Integer now = name.distinct().get(tag);
			message.append("; tag '").append(tag).append("' has ").append(now)
				.append(name.capped().contains(tag) ? "+" : "")
				.append(" distinct values, e.g. ")
				.append(String.join(", ", name.examples()));
		}
		if (scrape != null && scrape.bytes() != null) {
			message.append(String.format(Locale.ROOT, "; the scrape is %d samples, %d KiB", scrape.samples(),
					scrape.bytes() / 1024));
		}
		return new Finding(name.name(), "meter", Severity.METER_CARDINALITY_GROWING, message.toString(),
				fix(name.name(), (tag != null) ? tag : "<tag>"));
	}

	/**
	 * The fix for a meter name whose tag takes unbounded values.
	 * @param name the meter name
	 * @param tag the tag key
	 * @return the fix, in words a Spring developer knows
	 */
	static String fix(String name, String tag) {
		String cap = "cap the tag with a MeterFilter bean: MeterFilter.maximumAllowableTags(\"" + name + "\", \"" + tag
				+ "\", 100, MeterFilter.deny())";
		if (name.startsWith("http.client.requests") && tag.equals("uri")) {
			return "pass a URI template with variables to RestClient/RestTemplate/WebClient (.uri(\"/orders/{id}\", id)"
					+ " or getForObject(\"/orders/{id}\", Order.class, id)) instead of a concatenated string, so that "
					+ "the uri tag stays /orders/{id}; and " + cap;
		}
		if (name.startsWith("http.server.requests") && tag.equals("uri")) {
			return "map requests to handler patterns (unmatched paths are tagged NOT_FOUND or UNKNOWN unless a filter "
					+ "or custom convention sets the raw path); and " + cap;
		}
		return "tag '" + tag + "' takes unbounded values (an id, a raw URI or path, a user name): use a bounded value "
				+ "(a template, a category, a status class), or drop it with MeterFilter.ignoreTags(\"" + tag
				+ "\"), or " + cap;
	}

	private static String whole(@Nullable Double value) {
		return (value != null) ? String.valueOf(Math.round(value)) : "?";
	}

	/**
	 * Limits of the probe.
	 *
	 * @param trackedNames meter names, those that grew most first, that get a series and a tag census
	 * @param maxNames meter names remembered (first count); meters of further names count in the total only
	 * @param maxValuesPerTag distinct values counted per tag key of a tracked name
	 * @param minGrowth meters of one name (or in total) added over the trend window below which it is not growing
	 * @param minScrapeGrowthBytes scrape growth over the trend window below which it is not growing
	 * @param scrapeEvery render the scrape on every n-th tick; 0 never
	 */
	public record Settings(int trackedNames, int maxNames, int maxValuesPerTag, long minGrowth,
			long minScrapeGrowthBytes, int scrapeEvery) {

		public Settings {
			if (trackedNames < 0 || maxNames < 1 || maxValuesPerTag < 1 || minGrowth < 0 || minScrapeGrowthBytes < 0
					|| scrapeEvery < 0) {
				throw new IllegalArgumentException("meter-registry limits out of range");
			}
		}

		/**
		 * The documented defaults.
		 * @return the defaults
		 */
		public static Settings defaults() {
			return new Settings(10, 2000, 1000, 50, 64 * 1024, 10);
		}

	}

	/**
	 * The scrape as last rendered.
	 *
	 * @param bytes UTF-8 bytes of the scrape, {@code null} when not rendered
	 * @param samples sample lines of the scrape
	 * @param micros how long rendering took
	 * @param renderer the registry that rendered it, or why none did
	 */
	public record Scrape(@Nullable Long bytes, @Nullable Long samples, @Nullable Long micros, String renderer) {

	}

	private record NameFigures(String name, int meters, int firstMeters, Map<String, Integer> distinct,
			Set<String> capped, @Nullable String offendingTag, List<String> examples) {

	}

	private record Latest(int meters, int nameCount, int overflow, Map<String, Integer> top, List<NameFigures> names,
			@Nullable Scrape scrape) {

	}

}
