package dev.memoryaudit.audit.threadlocals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.memoryaudit.audit.Finding;
import dev.memoryaudit.audit.LeakProbe;
import dev.memoryaudit.audit.ProbeRow;
import dev.memoryaudit.audit.SeriesKeys;
import dev.memoryaudit.audit.Severity;
import dev.memoryaudit.audit.ThreadCensus;
import dev.memoryaudit.trend.SeriesAssessment;
import org.jspecify.annotations.Nullable;

/**
 * Follows thread-local entries on pooled threads (threads whose names carry a number, {@code http-nio-8080-exec-3},
 * {@code task-2}), grouped by owner: on every tick it reads at most {@code maxThreads} of them (lowest ids first, so
 * that the sample is stable) and counts entries plus the elements of collection and map values per owner. An owner
 * whose count grows significantly is reported with the fix. Where the JDK does not let us read
 * {@code Thread.threadLocals} the row says so, and nothing else changes.
 */
public final class ThreadLocalProbe implements LeakProbe {

	/** Name of this probe. */
	public static final String NAME = "thread-locals";

	/** Series of the entries on the sampled threads. */
	public static final String ENTRIES = "threadlocals.entries";

	/** Prefix of the per-owner series (entries plus elements held). */
	public static final String OWNER_PREFIX = "threadlocals.owner.";

	/** Gauge of the entries on the sampled threads, {@code NaN} when unavailable. */
	public static final String ENTRIES_GAUGE = "memory.audit.thread.locals.entries";

	/** Owners remembered at most. */
	static final int MAX_OWNERS = 500;

	private final Object reader;

	private final Settings settings;

	private final Map<String, Long> firstSeen = new HashMap<>();

	private final SeriesKeys keys = new SeriesKeys(OWNER_PREFIX, MAX_OWNERS);

	private volatile @Nullable Latest latest;

	/**
	 * Creates the probe, opening the reader once.
	 * @param settings the limits
	 */
	public ThreadLocalProbe(Settings settings) {
		this.reader = ThreadLocalReader.open();
		this.settings = settings;
	}

	@Override
	public String name() {
		return NAME;
	}

	/**
	 * Why the probe cannot read thread-locals here.
	 * @return {@code unavailable: why}, or {@code null} when it can
	 */
	public @Nullable String unavailable() {
		return (this.reader instanceof String why) ? why : null;
	}

	@Override
	public synchronized Map<String, Long> sample() {
		if (!(this.reader instanceof ThreadLocalReader threadLocals)) {
			return Map.of();
		}
		List<Thread> pooled = pooledThreads();
		int candidates = pooled.size();
		List<Thread> sampled = pooled.subList(0, Math.min(pooled.size(), this.settings.maxThreads()));
		Map<String, long[]> owners = new HashMap<>();
		Map<String, String> valueTypes = new HashMap<>();
		long[] totals = new long[2];
		for (Thread thread : sampled) {
			threadLocals.visit(thread, (owner, valueType, elements, stale) -> {
				totals[0]++;
				if (stale) {
					totals[1]++;
				}
				long[] counts = owners.get(owner);
				if (counts == null) {
					if (owners.size() >= MAX_OWNERS) {
						return;
					}
					counts = new long[2];
					owners.put(owner, counts);
					valueTypes.put(owner, valueType);
				}
				counts[0]++;
				counts[1] += elements;
			});
		}
		for (Map.Entry<String, long[]> entry : owners.entrySet()) {
			if (this.firstSeen.size() < MAX_OWNERS) {
				this.firstSeen.putIfAbsent(entry.getKey(), entry.getValue()[0] + entry.getValue()[1]);
			}
		}
		this.firstSeen.keySet().retainAll(owners.keySet());
		List<OwnerFigures> tracked = owners.entrySet()
			.stream()
			.map((e) -> new OwnerFigures(e.getKey(), valueTypes.get(e.getKey()), e.getValue()[0], e.getValue()[1],
					this.firstSeen.getOrDefault(e.getKey(), 0L)))
			.sorted(Comparator.comparingLong((OwnerFigures o) -> o.held() - o.first())
				.thenComparingLong(OwnerFigures::held)
				.reversed()
				.thenComparing(OwnerFigures::owner))
			.limit(this.settings.trackedOwners())
			.toList();
		Map<String, Long> series = new LinkedHashMap<>();
		series.put(ENTRIES, totals[0]);
		tracked.forEach((o) -> series.put(this.keys.of(o.owner()), o.held()));
		this.latest = new Latest(candidates, sampled.size(), totals[0], totals[1], tracked);
		return series;
	}

	private static List<Thread> pooledThreads() {
		ThreadGroup root = Thread.currentThread().getThreadGroup();
		while (root.getParent() != null) {
			root = root.getParent();
		}
		Thread[] threads = new Thread[root.activeCount() + 16];
		int n = root.enumerate(threads, true);
		List<Thread> pooled = new ArrayList<>();
		for (Thread thread : Arrays.asList(threads).subList(0, n)) {
			String name = thread.getName();
			if (thread != Thread.currentThread() && !name.startsWith("memory-audit")
					&& !ThreadCensus.pattern(name).equals(name)) {
				pooled.add(thread);
			}
		}
		pooled.sort(Comparator.comparingLong(Thread::getId));
		return pooled;
	}

	@Override
	public ProbeRow assess(Trends trends) {
		String why = unavailable();
		if (why != null) {
			return new ProbeRow(NAME, dev.memoryaudit.trend.Verdict.INSUFFICIENT_DATA, why, why, Map.of(), List.of(),
					List.of(), List.of(), List.of(ProbeRow.Measure.of(ENTRIES_GAUGE, Double.NaN)));
		}
		Latest figures = this.latest;
		if (figures == null) {
			return ProbeRow.unavailable(NAME, "unavailable: not sampled yet");
		}
		List<SeriesAssessment> assessed = new ArrayList<>();
		assessed.add(trends.assess(ENTRIES, "entries", this.settings.minGrowth()));
		List<SeriesAssessment> growing = new ArrayList<>();
		List<Finding> findings = new ArrayList<>();
		List<Map<String, Object>> owners = new ArrayList<>();
		for (OwnerFigures owner : figures.owners()) {
			SeriesAssessment trend = trends.assess(this.keys.of(owner.owner()), "entries",
					this.settings.minGrowth());
			Map<String, Object> row = new LinkedHashMap<>();
			row.put("owner", owner.owner());
			row.put("valueType", owner.valueType());
			row.put("entries", owner.entries());
			row.put("elementsHeld", owner.elements());
			row.put("verdict", trend.verdict());
			owners.add(row);
			if (trend.verdict().isGrowth()) {
				growing.add(trend);
				assessed.add(trend);
				findings.add(new Finding(owner.owner(), "thread-local", Severity.THREAD_LOCALS_GROWING,
						"thread-local entries and the elements they hold on " + figures.sampled()
								+ " pooled threads grew from " + whole(trend.first()) + " to " + whole(trend.last())
								+ " (" + trend.verdict() + ": " + trend.reason() + "); value " + owner.valueType(),
						"pooled threads outlive the request: call remove() in a finally block when the request or "
								+ "task ends (a servlet Filter, HandlerInterceptor.afterCompletion or a TaskDecorator), "
								+ "keep the ThreadLocal static final instead of creating one per request, and do not "
								+ "let it hold a growing collection; request-scoped beans (or ScopedValue on Java 25) "
								+ "end with the request by themselves"));
			}
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("pooledThreads", figures.candidates());
		body.put("sampledThreads", figures.sampled());
		body.put("entries", figures.entries());
		body.put("staleEntries", figures.stale());
		body.put("owners", owners);
		String summary = figures.entries() + " thread-local entries (" + figures.stale() + " stale) on "
				+ figures.sampled() + " of " + figures.candidates() + " pooled threads"
				+ (owners.isEmpty() ? "" : ", largest " + figures.owners().get(0).owner());
		return new ProbeRow(NAME, ProbeRow.worst(growing), summary, null, body, assessed, findings, List.of(),
				List.of(ProbeRow.Measure.of(ENTRIES_GAUGE, figures.entries())));
	}

	private static String whole(@Nullable Double value) {
		return (value != null) ? String.valueOf(Math.round(value)) : "?";
	}

	/**
	 * Limits of the probe.
	 *
	 * @param maxThreads pooled threads read per tick, lowest ids first
	 * @param trackedOwners owners, those that grew most first, that get a series
	 * @param minGrowth entries plus elements of one owner added over the trend window below which it is not growing
	 */
	public record Settings(int maxThreads, int trackedOwners, long minGrowth) {

		public Settings {
			if (maxThreads < 0 || trackedOwners < 0 || minGrowth < 0) {
				throw new IllegalArgumentException("thread-local limits must not be negative");
			}
		}

		/**
		 * The documented defaults.
		 * @return the defaults
		 */
		public static Settings defaults() {
			return new Settings(64, 10, 1000);
		}

	}

	private record OwnerFigures(String owner, String valueType, long entries, long elements, long first) {

		long held() {
			return this.entries + this.elements;
		}

	}

	private record Latest(int candidates, int sampled, long entries, long stale, List<OwnerFigures> owners) {

	}

}
