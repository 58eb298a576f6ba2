package dev.memoryaudit.audit;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;

import dev.memoryaudit.snapshot.SeriesContributor;
import dev.memoryaudit.snapshot.Snapshot;
import dev.memoryaudit.trend.ReportSection;
import dev.memoryaudit.trend.ReportSectionContributor;
import dev.memoryaudit.trend.SeriesAssessment;
import dev.memoryaudit.trend.SeriesAssessor;
import dev.memoryaudit.trend.TrendAnalyzer;
import dev.memoryaudit.trend.TrendSeries;
import dev.memoryaudit.trend.Verdict;
import org.jspecify.annotations.Nullable;

/**
 * Audits caches, executors, registered collections and thread groups.
 * <p>
 * On every snapshot it reads the structures and counts threads, and puts the sizes of up to
 * {@link AuditSettings#maxTracked()} of them into the snapshot ({@code collection.<kind>.<name>},
 * {@code threads.<pattern>}); after the snapshot it assesses each unbounded structure's and each thread group's
 * history with the trend statistics and adds its findings to the trend report. An inspector that throws is reported
 * as unreadable; the others are still audited.
 */
public final class MemoryAuditor implements SeriesContributor, ReportSectionContributor {

	/** Name of the section in the trend report. */
	public static final String SECTION = "memoryaudit";

	/** Prefix of thread-group series in {@code Snapshot.extraSeries()}. */
	public static final String THREADS_PREFIX = "threads.";

	/** Points assessed per structure at most; older history is thinned evenly to bound the cost. */
	static final int MAX_ASSESSED_POINTS = 240;

	private final AuditSettings settings;

	private final List<StructureInspector> inspectors;

	private final List<LeakProbe> probes;

	private final ThreadCensus census;

	private final Supplier<List<Snapshot>> history;

	private final Clock clock;

	private final Instant startedAt;

	private final TrackedNames tracked;

	private final SeriesAssessor assessor;

	private final FindingRules rules;

	private final List<Consumer<AuditReport>> listeners = new CopyOnWriteArrayList<>();

	private volatile ExistingMeters existingMeters = (structure) -> null;

	private volatile @Nullable Observation lastObservation;

	private volatile @Nullable AuditReport latest;

	/**
	 * Creates an auditor.
	 * @param settings the settings
	 * @param inspectors the inspectors
	 * @param census the thread census
	 * @param history supplies the snapshot history, oldest first
	 * @param clock the wall clock
	 */
	public MemoryAuditor(AuditSettings settings, List<StructureInspector> inspectors, ThreadCensus census,
			Supplier<List<Snapshot>> history, Clock clock) {
		this(settings, inspectors, List.of(), census, history, clock);
	}

	/**
	 * Creates an auditor with leak probes.
	 * @param settings the settings
	 * @param inspectors the inspectors
	 * @param probes the leak probes (meter registry, class loading, HTTP sessions, thread-locals)
	 * @param census the thread census
	 * @param history supplies the snapshot history, oldest first
	 * @param clock the wall clock
	 */
	public MemoryAuditor(AuditSettings settings, List<StructureInspector> inspectors, List<LeakProbe> probes,
			ThreadCensus census, Supplier<List<Snapshot>> history, Clock clock) {
		this.settings = settings;
		this.inspectors = List.copyOf(inspectors);
		this.probes = List.copyOf(probes);
		this.census = census;
		this.history = history;
		this.clock = clock;
		this.startedAt = clock.instant();
		this.tracked = new TrackedNames(settings.maxTracked());
		this.assessor = new SeriesAssessor(settings.thresholds());
		this.rules = new FindingRules(settings.nearCapacity());
	}

	public AuditSettings settings() {
		return this.settings;
	}

	/**
	 * Tells the auditor which existing meters already report a structure's size, so that none is duplicated.
	 * @param existingMeters the lookup
	 */
	public void useExistingMeters(ExistingMeters existingMeters) {
		this.existingMeters = existingMeters;
	}

	/**
	 * Adds a listener called with each report made after a snapshot.
	 * @param listener the listener
	 */
	public void addListener(Consumer<AuditReport> listener) {
		this.listeners.add(listener);
	}

	/**
	 * Whether a series key currently gets a series and tagged meters.
	 * @param key {@code collection.<kind>.<name>} or {@code threads.<pattern>}
	 * @return true when tracked
	 */
	public boolean isTracked(String key) {
		return this.tracked.contains(key);
	}

	@Override
	public Map<String, Long> sample() {
		Observation observation = observe();
		List<String> present = new ArrayList<>();
		observation.structures.stream().filter((s) -> s.size() != null).forEach((s) -> present.add(s.seriesKey()));
		observation.threadGroups.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
			.forEach((e) -> present.add(THREADS_PREFIX + e.getKey()));
		Set<String> names = this.tracked.update(present);
		Map<String, Long> values = new LinkedHashMap<>();
		for (AuditedStructure structure : observation.structures) {
			if (structure.size() != null && names.contains(structure.seriesKey())) {
				values.put(structure.seriesKey(), structure.size());
			}
		}
		observation.threadGroups.forEach((pattern, count) -> {
			if (names.contains(THREADS_PREFIX + pattern)) {
				values.put(THREADS_PREFIX + pattern, (long) count);
			}
		});
		for (LeakProbe probe : this.probes) {
			try {
				values.putAll(probe.sample());
			}
			catch (RuntimeException | LinkageError ex) {
				observation.notes.add(probe.name() + " failed to sample: " + ex);
			}
		}
		this.lastObservation = observation;
		return values;
	}

	@Override
	public List<ReportSection> sections() {
		Observation observation = this.lastObservation;
		AuditReport report = analyze((observation != null) ? observation : observe());
		this.latest = report;
		for (Consumer<AuditReport> listener : this.listeners) {
			listener.accept(report);
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("summary", report.summary());
		body.put("findingCounts", report.findingCounts());
		body.put("findings", report.findings());
		return List.of(new ReportSection(SECTION, report.verdict(), body, AuditMarkdown.section(report)));
	}

	/**
	 * Audits now: reads every structure afresh and assesses the history so far.
	 * @return the report
	 */
	public AuditReport audit() {
		return analyze(observe());
	}

	/**
	 * The report made after the latest snapshot, or a fresh one when there is none yet.
	 * @return the report
	 */
	public AuditReport latest() {
		AuditReport report = this.latest;
		return (report != null) ? report : audit();
	}

	private Observation observe() {
		List<AuditedStructure> structures = new ArrayList<>();
		List<String> notes = new ArrayList<>();
		for (StructureInspector inspector : this.inspectors) {
			try {
				structures.addAll(inspector.inspect());
			}
			catch (RuntimeException | LinkageError ex) {
				notes.add(inspector.getClass().getName() + " failed: " + ex);
			}
		}
		Map<String, Integer> groups;
		try {
			groups = this.census.count();
		}
		catch (RuntimeException ex) {
			groups = Map.of();
			notes.add("thread census unavailable: " + ex);
		}
		return new Observation(structures, groups, new CopyOnWriteArrayList<>(notes));
	}

	private AuditReport analyze(Observation observation) {
		List<Snapshot> window = assessedWindow(this.history.get());
		List<StructureRow> rows = new ArrayList<>();
		List<Finding> findings = new ArrayList<>();
		Verdict worstGrowth = Verdict.STABLE;
		for (AuditedStructure structure : observation.structures) {
			SeriesAssessment trend = null;
			if (this.tracked.contains(structure.seriesKey()) && structure.bound() != Bound.BOUNDED) {
				trend = assess(structure.seriesKey(), structure.unit(), this.settings.minGrowth(), window);
			}
			List<Finding> own = this.rules.findings(structure, trend);
			for (Finding finding : own) {
				if (finding.severity().isGrowth() && trend != null) {
					worstGrowth = worstGrowth.worst(trend.verdict());
				}
			}
			findings.addAll(own);
			String verdict = own.stream()
				.map(Finding::severity)
				.min(Comparator.naturalOrder())
				.map(Enum::name)
				.orElse((structure.bound() == Bound.UNKNOWN || structure.bound() == Bound.OPAQUE) ? "BOUND_UNKNOWN"
						: "OK");
			rows.add(new StructureRow(structure, structure.fill(), verdict, own, trend,
					this.existingMeters.sizeMeter(structure)));
		}
		List<ThreadGroupRow> groups = new ArrayList<>();
		List<Map.Entry<String, Integer>> byCount = new ArrayList<>(observation.threadGroups.entrySet());
		byCount.sort(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
		for (Map.Entry<String, Integer> group : byCount) {
			String key = THREADS_PREFIX + group.getKey();
			SeriesAssessment trend = this.tracked.contains(key)
					? assess(key, "threads", this.settings.minThreadGrowth(), window) : null;
			Finding finding = this.rules.threadGroup(group.getKey(), trend);
			if (finding != null) {
				findings.add(finding);
				worstGrowth = worstGrowth.worst(trend.verdict());
			}
			groups.add(new ThreadGroupRow(group.getKey(), group.getValue(),
					(finding != null) ? Severity.THREAD_GROUP_GROWING.name() : "OK", trend));
		}
		List<ProbeRow> probeRows = new ArrayList<>();
		// meters, classes and sessions grow while an application warms up: like the live set, a probe's growth
		// raises the verdict no higher than GROWING before memory.audit.trend.leak-warmup
		boolean beforeLeakWarmup = this.clock.instant()
			.isBefore(this.startedAt.plus(this.settings.thresholds().leakWarmup()));
		for (LeakProbe probe : this.probes) {
			ProbeRow row;
			try {
				row = probe.assess((key, unit, minimumGrowth) -> assess(key, unit, minimumGrowth, window));
			}
			catch (RuntimeException | LinkageError ex) {
				row = ProbeRow.unavailable(probe.name(), "unavailable: " + probe.name() + " failed: " + ex);
			}
			probeRows.add(row);
			findings.addAll(row.findings());
			if (row.verdict().isGrowth()) {
				worstGrowth = worstGrowth.worst(beforeLeakWarmup ? Verdict.GROWING : row.verdict());
			}
		}
		findings.sort(Comparator.comparing(Finding::severity).thenComparing(Finding::structure));
		Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
		for (Severity severity : Severity.values()) {
			counts.put(severity, 0);
		}
		findings.forEach((f) -> counts.merge(f.severity(), 1, Integer::sum));
		List<String> notes = new ArrayList<>(observation.notes);
		int untracked = this.tracked.untracked();
		if (untracked > 0) {
			notes.add(untracked + " structures or thread groups over memory.audit.auditors.max-tracked ("
					+ this.tracked.limit() + ") have no series and no tagged meters");
		}
		return new AuditReport(this.clock.instant(), worstGrowth, summary(findings, rows.size(), groups.size()),
				counts, findings, rows, groups, this.tracked.limit(), untracked, notes, probeRows);
	}

	private static String summary(List<Finding> findings, int structures, int groups) {
		String audited = structures + " structures and " + groups + " thread groups audited";
		if (findings.isEmpty()) {
			return audited + ", no findings.";
		}
		Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
		findings.forEach((f) -> counts.merge(f.severity(), 1, Integer::sum));
		List<String> parts = new ArrayList<>();
		counts.forEach((severity, count) -> parts.add(count + " " + severity));
		return audited + ": " + String.join(", ", parts) + ".";
	}

	private List<Snapshot> assessedWindow(List<Snapshot> snapshots) {
		return TrendAnalyzer.assessable(snapshots, this.settings.thresholds(), this.startedAt);
	}

	SeriesAssessment assess(String key, String unit, double minimumGrowth, List<Snapshot> window) {
		int n = 0;
		double[] times = new double[window.size()];
		double[] values = new double[window.size()];
		for (Snapshot snapshot : window) {
			Long value = snapshot.extraSeries().get(key);
			if (value != null) {
				Instant time = snapshot.time();
				times[n] = time.getEpochSecond() + time.getNano() / 1e9;
				values[n] = value;
				n++;
			}
		}
		int step = Math.max(1, (int) Math.ceil((double) n / MAX_ASSESSED_POINTS));
		int kept = 0;
		for (int i = (n - 1) % step; i < n; i += step) {
			times[kept] = times[i];
			values[kept] = values[i];
			kept++;
		}
		return this.assessor.assess(new TrendSeries(key, unit, java.util.Arrays.copyOf(times, kept),
				java.util.Arrays.copyOf(values, kept), null, minimumGrowth));
	}

	/**
	 * Tells which existing meter (registered by Spring Boot or Micrometer) already reports a structure's size.
	 */
	@FunctionalInterface
	public interface ExistingMeters {

		/**
		 * The existing meter reporting this structure's size.
		 * @param structure the structure
		 * @return its name and tags, {@code null} when none
		 */
		@Nullable String sizeMeter(AuditedStructure structure);

	}

	private record Observation(List<AuditedStructure> structures, Map<String, Integer> threadGroups,
			List<String> notes) {

	}

}
