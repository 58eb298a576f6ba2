package dev.memoryaudit.vthreads;

import java.io.BufferedReader;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.sun.management.HotSpotDiagnosticMXBean;
import dev.memoryaudit.io.PrivateDirectories;
import dev.memoryaudit.snapshot.SeriesContributor;
import dev.memoryaudit.trend.ReportSection;
import dev.memoryaudit.trend.ReportSectionContributor;
import dev.memoryaudit.trend.Verdict;
import org.jspecify.annotations.Nullable;

/**
 * Counts virtual threads every {@code everyTicks} snapshot ticks from a JSON thread dump into a private directory
 * (0700; the file is deleted right after it is read), and adds {@value #VIRTUAL} and {@value #PARKED} to the
 * snapshots, so that their trend gets a verdict like any series: parked virtual threads that keep growing are a leak
 * (a task that waits forever on a queue, a lock or a future nobody completes). The {@code virtual-threads} section
 * says where the parked ones wait.
 * <p>
 * What cannot be seen: virtual threads outside a thread container when {@code -Djdk.trackAllThreads=false}; and a
 * dump costs time in proportion to the threads (each stack is walked, without a global safepoint): measured in
 * {@link #lastDumpMillis()}. On JDK 17, where there are no virtual threads, and on JDK 21 to 24, whose JSON dumps do
 * not say which threads are virtual or parked, the census says unavailable and why, and adds no series: it needs
 * JDK 25 or later.
 */
public final class VirtualThreadCensus implements SeriesContributor, ReportSectionContributor, AutoCloseable {

	/** Series: virtual threads. */
	public static final String VIRTUAL = "virtual-threads";

	/** Series: parked virtual threads. */
	public static final String PARKED = "virtual-threads.parked";

	private final int everyTicks;

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
	 * @param clock the clock
	 */
	public VirtualThreadCensus(@Nullable Path parent, int everyTicks, Clock clock) {
		this.parent = parent;
		this.everyTicks = Math.max(1, everyTicks);
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
	public List<ReportSection> sections() {
		Map<String, Object> body = new LinkedHashMap<>();
		StringBuilder markdown = new StringBuilder("## Virtual threads\n\n");
		String why = (this.unavailable != null) ? this.unavailable : this.lastError;
		VirtualThreadDump dump = this.latest;
		if (dump == null) {
			body.put("available", false);
			body.put("unavailable", (why != null) ? why : "not counted yet");
			markdown.append("unavailable: ").append(body.get("unavailable")).append('\n');
			return List.of(new ReportSection("virtual-threads", Verdict.INSUFFICIENT_DATA, body, markdown.toString()));
		}
		body.put("available", true);
		body.put("countedAt", String.valueOf(this.latestAt));
		body.put("virtualThreads", dump.virtualThreads());
		body.put("parked", dump.parked());
		body.put("parkedAt", dump.parkedAt());
		body.put("everyTicks", this.everyTicks);
		body.put("lastDumpMillis", this.lastDumpMillis);
		if (this.lastError != null) {
			body.put("lastError", this.lastError);
		}
		markdown.append(dump.virtualThreads()).append(" virtual threads, ").append(dump.parked())
			.append(" parked (counted at ").append(this.latestAt).append(" from a thread dump that took ")
			.append(this.lastDumpMillis).append(" ms). The trend of `").append(PARKED)
			.append("` is in the series above; parked ones wait at:\n\n| where | parked |\n|---|---|\n");
		dump.parkedAt().forEach((frame, count) -> markdown.append("| `").append(frame).append("` | ").append(count)
			.append(" |\n"));
		// the series carry the verdict; the section only informs
		return List.of(new ReportSection("virtual-threads", Verdict.INSUFFICIENT_DATA, body, markdown.toString()));
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
