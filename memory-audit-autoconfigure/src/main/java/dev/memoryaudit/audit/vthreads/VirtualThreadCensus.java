package dev.memoryaudit.audit.vthreads;

import java.io.BufferedReader;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.sun.management.HotSpotDiagnosticMXBean;
import dev.memoryaudit.audit.Finding;
import dev.memoryaudit.audit.LeakProbe;
import dev.memoryaudit.audit.ProbeRow;
import dev.memoryaudit.audit.Severity;
import dev.memoryaudit.io.PrivateDirectories;
import dev.memoryaudit.trend.SeriesAssessment;
import org.jspecify.annotations.Nullable;

/**
 * Counts virtual threads every {@code everyTicks} snapshot ticks from a JSON thread dump into a private directory
 * (0700; the file is deleted right after it is read), and adds {@value #VIRTUAL} and {@value #PARKED} to the
 * snapshots, so that their trend gets a verdict like any series: parked virtual threads that keep growing are a leak
 * (a task that waits forever on a queue, a lock or a future nobody completes), reported as a
 * {@link Severity#VIRTUAL_THREADS_PARKED_GROWING} finding that names where the parked ones wait.
 * <p>
 * What cannot be seen: virtual threads outside a thread container when {@code -Djdk.trackAllThreads=false}; and a
 * dump costs time in proportion to the threads (each stack is walked, without a global safepoint): measured in
 * {@link #lastDumpMillis()}. On JDK 17, where there are no virtual threads, and on JDK 21 to 24, whose JSON dumps do
 * not say which threads are virtual or parked, the census says unavailable and why, and adds no series: it needs
 * JDK 25 or later.
 */
public final class VirtualThreadCensus implements LeakProbe, AutoCloseable {

	/** Name of this probe. */
	public static final String NAME = "virtual-threads";

	/** Gauge of virtual threads, tagged {@code state} = {@code all} or {@code parked}. */
	public static final String GAUGE = "memory.audit.virtual.threads";

	/** Series: virtual threads. */
	public static final String VIRTUAL = "virtual-threads";

	/** Series: parked virtual threads. */
	public static final String PARKED = "virtual-threads.parked";

	private final int everyTicks;

	private final long minGrowth;

	private final Clock clock;

	private final @Nullable Path parent;

	private final @Nullable Method dumpThreads;

	private final @Nullable Object jsonFormat;

	private final @Nullable String unavailable;

	private @Nullable Path directory;

	private int ticks;

	private volatile @Nullable VirtualThreadDump latest;

	private volatile @Nullable Instant latestAt;

	private volatile long lastDumpMillis;

	private volatile @Nullable String lastError;

	private volatile boolean statesUnknown;

	/**
	 * Creates a census.
	 * @param parent where the private dump directory is created, {@code null} for the temporary directory
	 * @param everyTicks a dump every this many ticks
	 * @param minGrowth parked virtual threads added over the trend window below which they are not growing
	 * @param clock the clock
	 */
	public VirtualThreadCensus(@Nullable Path parent, int everyTicks, long minGrowth, Clock clock) {
		this.parent = parent;
		this.everyTicks = Math.max(1, everyTicks);
		this.minGrowth = minGrowth;
		this.clock = clock;
		Method method = null;
		Object format = null;
		String why = null;
		try {
			Class<?> formatType = Class.forName("com.sun.management.HotSpotDiagnosticMXBean$ThreadDumpFormat");
			method = HotSpotDiagnosticMXBean.class.getMethod("dumpThreads", String.class, formatType);
			format = formatType.getField("JSON").get(null);
		}
		catch (ReflectiveOperationException | LinkageError ex) {
			why = "virtual threads need JDK 21 or later (this is " + System.getProperty("java.version")
					+ ": no HotSpotDiagnosticMXBean.dumpThreads)";
		}
		this.dumpThreads = method;
		this.jsonFormat = format;
		this.unavailable = why;
	}

	/**
	 * Why virtual threads cannot be counted here.
	 * @return the reason, {@code null} when they can
	 */
	public @Nullable String unavailableReason() {
		return this.unavailable;
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public Map<String, Long> sample() {
		if (this.unavailable != null || this.statesUnknown) {
			return Map.of();
		}
		if (this.ticks++ % this.everyTicks == 0) {
			dump();
		}
		VirtualThreadDump dump = this.latest;
		return (dump != null) ? Map.of(VIRTUAL, dump.virtualThreads(), PARKED, dump.parked()) : Map.of();
	}

	private synchronized void dump() {
		Method method = this.dumpThreads;
		if (method == null) {
			return;
		}
		Path file = null;
		try {
			if (this.directory == null) {
				this.directory = PrivateDirectories.create(this.parent, "memory-audit-threads-");
			}
			file = this.directory.resolve("threads-" + System.nanoTime() + ".json");
			long start = System.nanoTime();
			method.invoke(ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class), file.toString(),
					this.jsonFormat);
			VirtualThreadDump dump;
			try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
				dump = VirtualThreadDump.parse(reader);
			}
			this.lastDumpMillis = (System.nanoTime() - start) / 1_000_000;
			if (!dump.statesKnown()) {
				this.lastError = "the JSON thread dump of Java " + Runtime.version().feature()
						+ " does not say which threads are virtual or parked (JDK 25 and later do)";
				this.latest = null;
				this.statesUnknown = true;
				return;
			}
			this.latest = dump;
			this.latestAt = this.clock.instant();
			this.lastError = null;
		}
		catch (ReflectiveOperationException | IOException | RuntimeException ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			this.lastError = "thread dump failed: " + cause;
		}
		finally {
			if (file != null) {
				try {
					Files.deleteIfExists(file);
				}
				catch (IOException ex) {
					// the private directory is removed on close
				}
			}
		}
	}

	/**
	 * The last count.
	 * @return it, {@code null} before the first
	 */
	public @Nullable VirtualThreadDump latest() {
		return this.latest;
	}

	/**
	 * How long the last dump and its reading took.
	 * @return milliseconds
	 */
	public long lastDumpMillis() {
		return this.lastDumpMillis;
	}

	@Override
	public ProbeRow assess(Trends trends) {
		VirtualThreadDump dump = this.latest;
		String why = (this.unavailable != null) ? this.unavailable : this.lastError;
		if (dump == null) {
			return ProbeRow.unavailable(NAME, "unavailable: " + ((why != null) ? why : "not counted yet"));
		}
		SeriesAssessment trend = trends.assess(PARKED, "threads", this.minGrowth);
		Map<String, Object> figures = new LinkedHashMap<>();
		figures.put("countedAt", String.valueOf(this.latestAt));
		figures.put("virtualThreads", dump.virtualThreads());
		figures.put("parked", dump.parked());
		figures.put("parkedAt", dump.parkedAt());
		figures.put("everyTicks", this.everyTicks);
		figures.put("lastDumpMillis", this.lastDumpMillis);
		figures.put("verdict", trend.verdict());
		List<String> notes = new ArrayList<>();
		if (this.lastError != null) {
			notes.add("the last count failed, figures are from " + this.latestAt + ": " + this.lastError);
		}
		List<Finding> findings = new ArrayList<>();
		List<SeriesAssessment> growing = new ArrayList<>();
		if (trend.verdict().isGrowth()) {
			growing.add(trend);
			findings.add(finding(dump, trend));
		}
		String summary = dump.virtualThreads() + " virtual threads, " + dump.parked() + " parked"
				+ (dump.parkedAt().isEmpty() ? "" : ", most at " + dump.parkedAt().keySet().iterator().next())
				+ " (thread dump of " + this.lastDumpMillis + " ms every " + this.everyTicks + " ticks)";
		List<ProbeRow.Measure> measures = List.of(new ProbeRow.Measure(GAUGE, Map.of("state", "all"),
				dump.virtualThreads()), new ProbeRow.Measure(GAUGE, Map.of("state", "parked"), dump.parked()));
		return new ProbeRow(NAME, ProbeRow.worst(growing), summary, null, figures, List.of(trend), findings, notes,
				measures);
	}

	private static Finding finding(VirtualThreadDump dump, SeriesAssessment trend) {
		StringBuilder where = new StringBuilder();
		dump.parkedAt().forEach((frame, count) -> {
			if (!where.isEmpty()) {
				where.append(", ");
			}
			where.append(count).append(" at ").append(frame);
		});
		String top = dump.parkedAt().isEmpty() ? "(JDK frames only)" : dump.parkedAt().keySet().iterator().next();
		String message = "parked virtual threads grew from " + whole(trend.first()) + " to " + whole(trend.last())
				+ " (" + trend.verdict() + ": " + trend.reason() + "); of " + dump.virtualThreads()
				+ " virtual threads, " + dump.parked() + " are parked: " + where;
		String fix = "each parked virtual thread holds its stack on the heap until it ends: a task that waits for "
				+ "something that never comes (a future nobody completes, a queue nobody fills, a lock never "
				+ "released) or that sleeps in a loop without a way out. Wait with a timeout "
				+ "(future.get(timeout), queue.poll(timeout)), complete or cancel what is waited on, and bound the "
				+ "tasks started per request (a Semaphore, or an executor with a concurrency limit)";
		return new Finding("virtual threads parked at " + top, NAME, Severity.VIRTUAL_THREADS_PARKED_GROWING, message,
				fix);
	}

	private static String whole(@Nullable Double value) {
		return (value != null) ? String.valueOf(Math.round(value)) : "?";
	}

	@Override
	public synchronized void close() {
		Path dir = this.directory;
		if (dir != null) {
			PrivateDirectories.deleteQuietly(dir);
			this.directory = null;
		}
	}

}
