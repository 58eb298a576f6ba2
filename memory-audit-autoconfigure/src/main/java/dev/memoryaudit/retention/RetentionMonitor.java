package dev.memoryaudit.retention;

import dev.memoryaudit.engine.PauseCause;
import dev.memoryaudit.engine.PauseSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import dev.memoryaudit.histogram.LeakSuspect;
import dev.memoryaudit.trend.ReportSection;
import dev.memoryaudit.trend.ReportSectionContributor;
import dev.memoryaudit.trend.TrendReport;
import dev.memoryaudit.trend.Verdict;
import org.jspecify.annotations.Nullable;

/**
 * Runs the retention recording, dumps it when the trend turns to growth (on a daemon thread named
 * {@code memory-audit-retention}) or on demand, and keeps the latest paths; contributes the "retained by" section to
 * the trend report.
 */
public final class RetentionMonitor implements PauseSource, ReportSectionContributor, AutoCloseable {

	/**
	 * Name of the thread that dumps on trend triggers.
	 */
	public static final String THREAD_NAME = "memory-audit-retention";

	private static final System.Logger logger = System.getLogger(RetentionMonitor.class.getName());

	private final RetentionSettings settings;

	private final JfrAvailability availability;

	private final Clock clock;

	private final RetentionAnalyzer analyzer;

	private final AtomicLong dumps = new AtomicLong();

	private final java.util.List<java.util.function.LongConsumer> pauseListeners =
			new java.util.concurrent.CopyOnWriteArrayList<>();

	/** Culprits named at most: one per growing class with a rooted path, the most suspicious first. */
	static final int MAX_CULPRITS = 10;

	private final Object dumpLock = new Object();

	/** The trigger of the dump queued, being taken or read now, for the report; {@code null} when none. */
	private final AtomicReference<@Nullable String> inProgress = new AtomicReference<>();

	private volatile RetentionReport report;

	private volatile List<LeakSuspect> suspects = List.of();

	private volatile @Nullable Long exhaustionSeconds;

	private @Nullable RetentionRecorder recorder;

	private @Nullable ExecutorService executor;

	private @Nullable Instant lastDump;

	private Verdict lastVerdict = Verdict.INSUFFICIENT_DATA;

	private @Nullable String pendingTrigger;

	public RetentionMonitor(RetentionSettings settings, JfrAvailability availability, Clock clock) {
		this.settings = settings;
		this.availability = availability;
		this.clock = clock;
		this.analyzer = new RetentionAnalyzer(settings.maxPaths());
		this.report = RetentionReport.empty(settings.jfrCutoff());
	}

	/**
	 * Starts the recording, or records why retention paths are unavailable; never throws.
	 */
	public synchronized void start() {
		if (this.recorder != null || this.report.unavailable() != null) {
			return;
		}
		String reason = this.availability.unavailableReason();
		if (reason != null) {
			unavailable(reason);
			return;
		}
		try {
			this.recorder = RetentionRecorder.start(this.settings);
		}
		catch (IOException | RuntimeException | LinkageError ex) {
			unavailable("the JFR recording could not be started: " + ex);
			return;
		}
		this.executor = Executors.newSingleThreadExecutor((runnable) -> {
			Thread thread = new Thread(runnable, THREAD_NAME);
			thread.setDaemon(true);
			return thread;
		});
	}

	private void unavailable(String reason) {
		this.report = RetentionReport.unavailable(reason, this.settings.jfrCutoff());
		logger.log(System.Logger.Level.WARNING, this.report.unavailable()
				+ " (memory.audit.retention.enabled=true); everything else in memory-audit works without it");
	}

	/**
	 * Observes the trend after each tick; dumps in the background when the verdict turns to GROWING or
	 * LEAK_SUSPECTED. Cheap: never blocks the snapshot thread.
	 * @param trend the latest trend report
	 */
	public void onTick(TrendReport trend) {
		this.suspects = trend.suspects();
		this.exhaustionSeconds = trend.series().isEmpty() ? null : trend.series().get(0).exhaustionSeconds();
		String trigger;
		ExecutorService active;
		synchronized (this) {
			Verdict verdict = trend.verdict();
			boolean turned = verdict.isGrowth() && verdict != this.lastVerdict;
			this.lastVerdict = verdict;
			if (turned) {
				this.pendingTrigger = "trend " + verdict;
			}
			trigger = this.pendingTrigger;
			if (trigger == null || this.executor == null || !untilAllowed().isZero()) {
				return;
			}
			this.pendingTrigger = null;
			active = this.executor;
		}
		String marker = trigger + ", since " + this.clock.instant();
		this.inProgress.set(marker);
		try {
			active.execute(() -> dump(trigger, marker));
		}
		catch (RejectedExecutionException ex) {
			this.inProgress.compareAndSet(marker, null);
			// closing
		}
	}

	/**
	 * Registers a listener told how long each dump took, in milliseconds: it searches paths to GC roots at a
	 * safepoint, so it is a pause of ours (an upper bound: the file is written outside the safepoint).
	 * @param listener the listener
	 */
	@Override
	public void addPauseListener(java.util.function.LongConsumer listener) {
		this.pauseListeners.add(listener);
	}

	@Override
	public PauseCause pauseCause() {
		return PauseCause.RETENTION_DUMP;
	}

	/**
	 * Dumps now unless a dump was taken within the minimum interval.
	 * @return the outcome
	 */
	public RetentionDump dumpNow() {
		RetentionReport current = this.report;
		if (current.unavailable() != null) {
			return new RetentionDump(current, null, current.unavailable());
		}
		return dump("on-demand");
	}

	private RetentionDump dump(String trigger) {
		return dump(trigger, trigger + ", since " + this.clock.instant());
	}

	private RetentionDump dump(String trigger, String marker) {
		this.inProgress.set(marker);
		try {
			return dumpNowOrSayWhyNot(trigger);
		}
		finally {
			// only our own marker: another dump may have queued behind this one
			this.inProgress.compareAndSet(marker, null);
		}
	}

	private RetentionDump dumpNowOrSayWhyNot(String trigger) {
		synchronized (this.dumpLock) {
			Duration wait;
			RetentionRecorder active;
			synchronized (this) {
				wait = untilAllowed();
				active = this.recorder;
				if (wait.isZero() && active != null) {
					this.lastDump = this.clock.instant();
				}
			}
			if (active == null) {
				return new RetentionDump(this.report, null, "the retention recording is not running");
			}
			if (!wait.isZero()) {
				return new RetentionDump(this.report, wait, "a retention dump was taken less than "
						+ this.settings.minInterval() + " ago (memory.audit.retention.min-interval)");
			}
			this.report = take(active, trigger);
			String message = (this.report.lastError() != null) ? "dump failed: " + this.report.lastError()
					: this.report.paths().size() + " retention path(s) from " + this.report.samples() + " sample(s)";
			return new RetentionDump(this.report, null, message);
		}
	}

	private RetentionReport take(RetentionRecorder active, String trigger) {
		Instant at = this.clock.instant();
		List<LeakSuspect> currentSuspects = this.suspects;
		Path file = null;
		try {
			long start = System.nanoTime();
			file = active.dump("dump-" + this.dumps.incrementAndGet() + ".jfr");
			long dumpNanos = System.nanoTime() - start;
			for (java.util.function.LongConsumer listener : this.pauseListeners) {
				listener.accept(TimeUnit.NANOSECONDS.toMillis(dumpNanos));
			}
			long size = Files.size(file);
			start = System.nanoTime();
			RetentionAnalysis analysis = this.analyzer.analyze(file, currentSuspects);
			long analyzeNanos = System.nanoTime() - start;
			return new RetentionReport(true, null, trigger, at, TimeUnit.NANOSECONDS.toMillis(dumpNanos),
					TimeUnit.NANOSECONDS.toMillis(analyzeNanos), size, this.settings.jfrCutoff(), analysis.samples(),
					analysis.samplesWithRoot(), analysis.paths(), retainedBy(currentSuspects, analysis.paths()), null);
		}
		catch (IOException | RuntimeException ex) {
			RetentionReport previous = this.report;
			return new RetentionReport(true, null, trigger, at, 0, 0, 0, this.settings.jfrCutoff(), 0, 0,
					previous.paths(), previous.retainedBy(), String.valueOf(ex));
		}
		finally {
			if (file != null) {
				try {
					Files.deleteIfExists(file);
				}
				catch (IOException ex) {
					// the directory is removed on close
				}
			}
		}
	}

	static Map<String, List<String>> retainedBy(List<LeakSuspect> suspects, List<RetentionPath> paths) {
		Map<String, List<String>> result = new LinkedHashMap<>();
		for (LeakSuspect suspect : suspects) {
			if (!suspect.suspect()) {
				continue;
			}
			List<String> holders = new ArrayList<>();
			for (RetentionPath path : paths) {
				if (path.rooted() && path.mentions(suspect.className()) && holders.size() < 3) {
					holders.add(path.holder() + ": " + path.text() + ", allocated at " + path.allocatedAt().site() + " ("
							+ path.samples() + " samples)");
				}
			}
			if (!holders.isEmpty()) {
				result.put(suspect.className(), holders);
			}
		}
		return result;
	}

	/**
	 * The culprits of the latest dump: each histogram suspect with its holder and allocation site.
	 * @param report the latest report
	 * @return at most three, most suspicious first
	 */
	List<Culprit> culprits(RetentionReport report) {
		return Culprit.of(this.suspects, report.paths(), this.exhaustionSeconds, MAX_CULPRITS);
	}

	private Duration untilAllowed() {
		Instant last = this.lastDump;
		if (last == null) {
			return Duration.ZERO;
		}
		Duration remaining = this.settings.minInterval().minus(Duration.between(last, this.clock.instant()));
		return remaining.isNegative() ? Duration.ZERO : remaining;
	}

	/**
	 * The latest report.
	 * @return the report
	 */
	public RetentionReport report() {
		return this.report;
	}

	public RetentionSettings settings() {
		return this.settings;
	}

	/**
	 * The directory the recording writes into, or {@code null} when it does not run.
	 * @return the private directory
	 */
	public synchronized @Nullable Path directory() {
		RetentionRecorder active = this.recorder;
		return (active != null) ? active.directory() : null;
	}

	@Override
	public List<ReportSection> sections() {
		RetentionReport current = this.report;
		Map<String, Object> body = new LinkedHashMap<>();
		if (current.unavailable() != null) {
			body.put("unavailable", current.unavailable());
		}
		else {
			body.put("dumpedAt", current.dumpedAt());
			body.put("trigger", current.trigger());
			String running = this.inProgress.get();
			if (running != null) {
				// the trend just turned: the paths for it follow in a second or two
				body.put("dumpInProgress", running);
			}
			body.put("culprits", culprits(current));
			body.put("retainedBy", current.retainedBy());
			body.put("topPaths", current.paths().stream().limit(3)
				.map((path) -> path.holder() + ": " + path.text() + ", allocated at " + path.allocatedAt().site()
						+ " (" + path.samples() + " samples)")
				.toList());
		}
		return List.of(new ReportSection("retention", Verdict.INSUFFICIENT_DATA, body,
				RetentionMarkdown.section(current, culprits(current))));
	}

	/**
	 * Stops the dump thread, then stops and closes the recording and deletes its directory.
	 */
	@Override
	public void close() {
		ExecutorService active;
		synchronized (this) {
			active = this.executor;
			this.executor = null;
		}
		if (active != null) {
			active.shutdownNow();
			try {
				active.awaitTermination(5, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		synchronized (this.dumpLock) {
			synchronized (this) {
				if (this.recorder != null) {
					this.recorder.close();
					this.recorder = null;
				}
			}
		}
	}

}
