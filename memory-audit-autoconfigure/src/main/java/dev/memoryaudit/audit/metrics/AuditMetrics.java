package dev.memoryaudit.audit.metrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.memoryaudit.audit.AuditReport;
import dev.memoryaudit.audit.AuditedStructure;
import dev.memoryaudit.audit.MemoryAuditor;
import dev.memoryaudit.audit.ProbeRow;
import dev.memoryaudit.audit.Severity;
import dev.memoryaudit.audit.StructureKind;
import dev.memoryaudit.audit.StructureRow;
import dev.memoryaudit.audit.ThreadGroupRow;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

/**
 * Meters of the auditor: {@code memory.audit.collection.size} and {@code memory.audit.collection.capacity} (absent
 * when unbounded) tagged {@code name} and {@code kind} for tracked structures, {@code memory.audit.findings} tagged
 * {@code severity}, {@code memory.audit.threads.group} tagged {@code group} for the largest thread groups, and the
 * gauges of the leak probes ({@link #PROBE_GAUGES}: meters, scrape size, class loaders, session bound and timeout,
 * thread-local entries).
 * <p>
 * Meters follow the audit after each snapshot: structures that appear get gauges, ones that leave lose them. A
 * structure whose size is already reported by a Spring Boot or Micrometer meter ({@code cache.size},
 * {@code executor.queued}) gets no size gauge of its own, only its capacity.
 */
public final class AuditMetrics implements MeterBinder {

	static final String SIZE = "memory.audit.collection.size";

	static final String CAPACITY = "memory.audit.collection.capacity";

	static final String FINDINGS = "memory.audit.findings";

	static final String THREAD_GROUP = "memory.audit.threads.group";

	/**
	 * The gauges the leak probes may ask for: Micrometer name to base unit and description. A measure of another
	 * name is ignored, so that every meter of the auditor is named and described here.
	 */
	static final Map<String, String[]> PROBE_GAUGES = Map.of(
			"memory.audit.meters", new String[] { "meters", "Meters in the application's MeterRegistry at the last snapshot tick" },
			"memory.audit.meters.name", new String[] { "meters", "Meters of one meter name, for the names that grew most since start (tag name)" },
			"memory.audit.scrape.size", new String[] { "bytes", "Bytes of the Prometheus scrape as last rendered by the meter-registry audit (every few ticks); NaN when none is rendered" },
			"memory.audit.scrape.samples", new String[] { "samples", "Samples of the Prometheus scrape as last rendered by the meter-registry audit; NaN when none is rendered" },
			"memory.audit.class.loaders", new String[] { "loaders", "Live class loaders of one type (tag type), the types with the most loaders, from VM.classloader_stats" },
			"memory.audit.http.sessions.max", new String[] { "sessions", "Bound on active HTTP sessions of a web application (maxActiveSessions); NaN when unbounded" },
			"memory.audit.http.sessions.timeout", new String[] { "seconds", "How long an HTTP session lives after its last request" },
			"memory.audit.thread.locals.entries", new String[] { "entries", "Thread-local entries on the sampled pooled threads; NaN when Thread.threadLocals cannot be read" },
			"memory.audit.virtual.threads", new String[] { "threads", "Virtual threads (tag state=all) and parked ones (state=parked) at the last thread dump, JDK 25 and later" });

	private final MemoryAuditor auditor;

	private final List<MeterRegistry> registries = new CopyOnWriteArrayList<>();

	private final Map<String, Double> values = new ConcurrentHashMap<>();

	private final Map<String, List<Meter>> meters = new HashMap<>();

	public AuditMetrics(MemoryAuditor auditor) {
		this.auditor = auditor;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		this.registries.add(registry);
		for (Severity severity : Severity.values()) {
			String key = FINDINGS + "|" + severity;
			Gauge.builder(FINDINGS, this.values, (v) -> v.getOrDefault(key, Double.NaN))
				.tag("severity", severity.name())
				.description("Findings of the bounded-structure audit at the last snapshot, by severity")
				.register(registry);
		}
		if (this.registries.size() == 1) {
			this.auditor.useExistingMeters(this::existingSizeMeter);
			this.auditor.addListener(this::update);
		}
	}

	/**
	 * The existing meter that reports a structure's size.
	 * @param structure the structure
	 * @return the meter's name and tags, {@code null} when none
	 */
	@Nullable String existingSizeMeter(AuditedStructure structure) {
		for (MeterRegistry registry : this.registries) {
			if (structure.kind() == StructureKind.CACHE && structure.details().get("cacheName") instanceof String cache) {
				Object manager = structure.details().get("cacheManager");
				if (registry.find("cache.size").tag("cache", cache).tag("cache.manager", String.valueOf(manager)).meter() != null) {
					return "cache.size{cache=" + cache + ",cache.manager=" + manager + "}";
				}
			}
			if (structure.kind() == StructureKind.EXECUTOR
					&& registry.find("executor.queued").tag("name", structure.name()).meter() != null) {
				return "executor.queued{name=" + structure.name() + "}";
			}
		}
		return null;
	}

	synchronized void update(AuditReport report) {
		Map<String, Registration> wanted = new LinkedHashMap<>();
		for (Severity severity : Severity.values()) {
			this.values.put(FINDINGS + "|" + severity, (double) report.findingCounts().getOrDefault(severity, 0));
		}
		for (StructureRow row : report.structures()) {
			AuditedStructure structure = row.structure();
			if (!this.auditor.isTracked(structure.seriesKey())) {
				continue;
			}
			Tags tags = Tags.of("name", structure.name(), "kind", structure.kind().value());
			if (structure.size() != null && row.meteredBy() == null) {
				wanted.put(SIZE + "|" + tags, new Registration(SIZE, tags, structure.size(),
						"Size of an audited structure (entries, weight or queued tasks)"));
			}
			if (structure.capacity() != null) {
				wanted.put(CAPACITY + "|" + tags, new Registration(CAPACITY, tags, structure.capacity(),
						"Bound of an audited structure; absent when unbounded"));
			}
		}
		report.threadGroups()
			.stream()
			.limit(this.auditor.settings().topThreadGroups())
			.forEach((ThreadGroupRow group) -> {
				Tags tags = Tags.of("group", group.pattern());
				wanted.put(THREAD_GROUP + "|" + tags, new Registration(THREAD_GROUP, tags, group.count(),
						"Live threads whose names match the pattern (digits folded to *), largest groups only"));
			});
		for (ProbeRow probe : report.probes()) {
			for (ProbeRow.Measure measure : probe.measures()) {
				String[] known = PROBE_GAUGES.get(measure.meter());
				if (known == null) {
					continue;
				}
				Tags tags = Tags.empty();
				for (Map.Entry<String, String> tag : measure.tags().entrySet()) {
					tags = tags.and(tag.getKey(), tag.getValue());
				}
				wanted.put(measure.meter() + "|" + tags,
						new Registration(measure.meter(), tags, measure.value(), known[1]));
			}
		}
		for (String key : new ArrayList<>(this.meters.keySet())) {
			if (!wanted.containsKey(key)) {
				this.values.remove(key);
				for (Meter meter : this.meters.remove(key)) {
					for (MeterRegistry registry : this.registries) {
						registry.remove(meter);
					}
				}
			}
		}
		wanted.forEach((key, registration) -> {
			this.values.put(key, registration.value);
			this.meters.computeIfAbsent(key, (k) -> register(k, registration));
		});
	}

	private List<Meter> register(String key, Registration registration) {
		List<Meter> registered = new ArrayList<>();
		for (MeterRegistry registry : this.registries) {
			Gauge.Builder<Map<String, Double>> builder = Gauge
				.builder(registration.name, this.values, (v) -> v.getOrDefault(key, Double.NaN))
				.tags(registration.tags)
				.description(registration.description);
			if (registration.name.equals(THREAD_GROUP)) {
				builder.baseUnit("threads");
			}
			String[] known = PROBE_GAUGES.get(registration.name);
			if (known != null) {
				builder.baseUnit(known[0]);
			}
			registered.add(builder.register(registry));
		}
		return registered;
	}

	private record Registration(String name, Tags tags, double value, String description) {

	}

}
