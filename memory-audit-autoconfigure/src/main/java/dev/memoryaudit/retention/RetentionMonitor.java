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
 * Runs the retention recording, dumps it (on a daemon thread named {@code memory-audit-retention}) and keeps the
 * latest paths; contributes the "retained by" section to the trend report.
 * <p>
 * With {@link RetentionRecording#ON_LEAK} (the default) the recording runs only while a leak is suspected: it starts
 * on the first tick that reads {@code LEAK_SUSPECTED}, dumps after each {@link RetentionSettings#sampleFor()} of
 * sampling, and stops once a dump has named a culprit for every leak suspect, after {@value #MAX_DUMPS_PER_RECORDING} dumps, or when the
 * verdict leaves growth; it starts again while the leak is still suspected once
 * {@link RetentionSettings#resampleInterval()} has passed. With {@link RetentionRecording#ALWAYS} it runs from start-up
 * and dumps when the trend turns to growth. Either way a dump can be requested while the recording runs.
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

	private static final String LEFT_GROWTH = "the verdict left growth";

	/** The on-leak baseline dump comes after this fraction (1/n) of {@code sample-for}. */
	static final int BASELINE_SHARE = 4;

	/** Dumps of one on-leak recording at most, when none names a culprit. */
	static final int MAX_DUMPS_PER_RECORDING = 3;

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

	/** When the running recording started, {@code null} when none runs. */
	private @Nullable Instant recordingSince;

	/** Dumps the running recording has queued on its own schedule (on-leak); they set when the next one is due. */
	private int recordingDumps;

	/** Dumps of the running recording that were taken and read (on-leak). */
	private int recordingDumpsTaken;

	/** Whether a start or stop of the recording is queued on the dump thread (on-leak). */
	private boolean recordingChange;

	/** When the latest on-leak recording ended, and why; {@code null} before the first. */
	private @Nullable Instant recordingEnded;

	private @Nullable String recordingEndReason;

	/**
	 * The latest dump of the running recording, published or baseline; written with {@code dumpLock} and this
	 * monitor held, read with {@code dumpLock}.
	 */
	private @Nullable RetentionReport lastOfRecording;

	/**
	 * The culprits that published dumps named, latest first, each stamped with its dump: a class the latest dump
	 * did not name by a holder stays named by an earlier dump while it is a suspect, since JFR's 256 samples are
	 * shared unevenly by several leaks (see {@link #culprits(RetentionReport)}).
	 */
	private volatile List<Culprit> named = List.of();

	/** Whether the on-leak recording's baseline dump (collection sizes before the first culprit dump) was queued. */
	private boolean baselineQueued;

	public RetentionMonitor(RetentionSettings settings, JfrAvailability availability, Clock clock) {
		this.settings = settings;
		this.availability = availability;
		this.clock = clock;
		this.analyzer = new RetentionAnalyzer(settings.maxPaths());
		this.report = RetentionReport.empty(settings.jfrCutoff());
	}

	/**
	 * Starts the dump thread, and the recording too when it runs always; or records why retention paths are
	 * unavailable. Never throws.
	 */
	public synchronized void start() {
		if (this.executor != null || this.report.unavailable() != null) {
			return;
		}
		String reason = this.availability.unavailableReason();
		if (reason != null) {
			unavailable(reason);
			return;
		}
		if (this.settings.recording() == RetentionRecording.ALWAYS) {
			try {
				this.recorder = RetentionRecorder.start(this.settings);
				this.recordingSince = this.clock.instant();
			}
			catch (IOException | RuntimeException | LinkageError ex) {
				unavailable("the JFR recording could not be started: " + ex);
				return;
			}
		}
		this.executor = Executors.newSingleThreadExecutor((runnable) -> {
			Thread thread = new Thread(runnable, THREAD_NAME);
			thread.setDaemon(true);
			return thread;
		});
	}

	private void unavailable(String reason) {
		this.report = RetentionReport.unavailable(reason, this.settings.jfrCutoff());
		logger.log(System.Logger.Level.INFO, this.report.unavailable()
				+ " (memory.audit.retention); everything else in memory-audit works without it");
	}

	/**
	 * Observes the trend after each tick; dumps in the background when the verdict turns to GROWING or
	 * LEAK_SUSPECTED. Cheap: never blocks the snapshot thread.
	 * @param trend the latest trend report
	 */
	public void onTick(TrendReport trend) {
		this.suspects = trend.suspects();
		this.exhaustionSeconds = trend.series().isEmpty() ? null : trend.series().get(0).exhaustionSeconds();
		if (this.settings.recording() == RetentionRecording.ON_LEAK) {
			onLeakTick(trend.verdict());
			return;
		}
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
	 * The on-leak schedule: start on LEAK_SUSPECTED, dump after each sampling period, stop once a culprit is named
	 * for every suspect, after the last dump, or when the verdict leaves growth. Decides under the lock, acts on the
	 * dump thread; {@code recordingChange} is set while a start or stop is queued and cleared whatever happens to it.
	 */
	private void onLeakTick(Verdict verdict) {
		Runnable action;
		ExecutorService active;
		String marker = null;
		boolean change = false;
		synchronized (this) {
			this.lastVerdict = verdict;
			active = this.executor;
			if (active == null || this.recordingChange) {
				return;
			}
			Instant now = this.clock.instant();
			Instant since = this.recordingSince;
			if (since == null) {
				Instant ended = this.recordingEnded;
				if (verdict != Verdict.LEAK_SUSPECTED || (ended != null
						&& Duration.between(ended, now).compareTo(this.settings.resampleInterval()) < 0)) {
					return;
				}
				change = true;
				action = () -> startRecording("trend " + verdict);
			}
			else if (!verdict.isGrowth()) {
				change = true;
				action = () -> stopRecording(LEFT_GROWTH + " (" + verdict + ")");
			}
			else if (!this.baselineQueued && this.recordingDumps == 0
					&& Duration.between(since, now).compareTo(this.settings.sampleFor().dividedBy(BASELINE_SHARE)) >= 0
					&& Duration.between(since, now).compareTo(this.settings.sampleFor()) < 0
					&& untilAllowed().isZero()) {
				// collection sizes a quarter of the way in: the first culprit dump leaves out holders that kept
				// their size since (a full cache), which a recording shorter than the cache's turnover cannot tell
				// from a leak by the age of its samples
				this.baselineQueued = true;
				String queued = "baseline of collection sizes for the first culprit dump, since " + now;
				marker = queued;
				action = () -> baselineDump(queued);
			}
			else if (Duration.between(since, now)
				.compareTo(this.settings.sampleFor().multipliedBy(this.recordingDumps + 1L)) >= 0
					&& untilAllowed().isZero()) {
				this.recordingDumps++;
				String trigger = "trend " + verdict + ", after sampling for "
						+ Duration.between(since, now).withNanos(0);
				String queued = trigger + ", since " + now;
				marker = queued;
				action = () -> afterScheduledDump(dump(trigger, queued));
			}
			else {
				return;
			}
			this.recordingChange = change;
			if (marker != null) {
				this.inProgress.set(marker);
			}
		}
		try {
			active.execute(action);
		}
		catch (RejectedExecutionException ex) {
			// closing: undo what was queued
			synchronized (this) {
				this.recordingChange = false;
				if (marker != null) {
					this.recordingDumps--;
					this.inProgress.compareAndSet(marker, null);
				}
			}
		}
	}

	private void startRecording(String trigger) {
		synchronized (this.dumpLock) {
			RetentionRecorder started = null;
			String failure = null;
			try {
				started = RetentionRecorder.start(this.settings);
			}
			catch (IOException | RuntimeException | LinkageError ex) {
				failure = "the JFR recording could not be started: " + ex;
			}
			finally {
				synchronized (this) {
					this.recordingChange = false;
				}
			}
			RetentionRecorder closeNow = null;
			synchronized (this) {
				if (started == null) {
					unavailable(failure);
					return;
				}
				if (this.executor == null) {
					// closed meanwhile
					closeNow = started;
				}
				else {
					this.recorder = started;
					this.recordingSince = this.clock.instant();
					this.recordingDumps = 0;
					this.recordingDumpsTaken = 0;
					this.recordingEndReason = null;
					this.baselineQueued = false;
					this.lastOfRecording = null;
				}
			}
			if (closeNow != null) {
				closeNow.close();
				return;
			}
			logger.log(System.Logger.Level.INFO, "memory-audit retention recording started (" + trigger
					+ "); first dump after " + this.settings.sampleFor() + " of sampling");
		}
	}

	/**
	 * After a dump of the on-leak schedule: stops the recording once that dump named a culprit for every leak
	 * suspect (or filled the culprits), or after the last dump. A dump that failed or was refused decides nothing.
	 */
	private void afterScheduledDump(RetentionDump dump) {
		if (dump.refused() || dump.notRecording() || dump.unavailable() || dump.report().lastError() != null) {
			return;
		}
		List<LeakSuspect> current = this.suspects.stream().filter(LeakSuspect::suspect).toList();
		List<Culprit> culprits = culprits(dump.report());
		long named = culprits.stream().map(Culprit::className).distinct().count();
		int taken;
		synchronized (this) {
			taken = ++this.recordingDumpsTaken;
		}
		if (named > 0 && (named >= current.size() || culprits.size() >= MAX_CULPRITS)) {
			stopRecording("a dump named the culprit" + ((named > 1) ? "s of all " + named + " suspects" : ""));
		}
		else if (taken >= MAX_DUMPS_PER_RECORDING) {
			stopRecording(taken + " dumps named " + ((named == 0) ? "no culprit"
					: "culprits of " + named + " of " + current.size() + " suspects"));
		}
	}

	/**
	 * Stops the recording: takes it out under the lock, closes it (JFR stops, the directory is deleted) outside it,
	 * so that ticks and reports never wait for JFR.
	 */
	private void stopRecording(String reason) {
		synchronized (this.dumpLock) {
			RetentionRecorder stopping;
			synchronized (this) {
				this.recordingChange = false;
				stopping = this.recorder;
				if (stopping == null) {
					return;
				}
				this.recorder = null;
				this.recordingSince = null;
				this.lastOfRecording = null;
				if (reason.startsWith(LEFT_GROWTH)) {
					// the leak episode is over: its culprits are history
					this.named = List.of();
				}
				this.recordingEnded = this.clock.instant();
				this.recordingEndReason = reason;
			}
			stopping.close();
		}
		logger.log(System.Logger.Level.INFO, "memory-audit retention recording stopped: " + reason);
	}

	/**
	 * Whether the recording runs now, since when, and what starts or stops it; for people.
	 * @return the recording's state
	 */
	public synchronized String recordingStatus() {
		if (this.report.unavailable() != null) {
			return this.report.unavailable();
		}
		Instant since = this.recordingSince;
		if (this.settings.recording() == RetentionRecording.ALWAYS) {
			return (since != null) ? "recording since " + since + " (memory.audit.retention.recording=always)"
					: "not running";
		}
		if (this.recordingChange) {
			return (since != null) ? "stopping the recording that ran since " + since
					: "starting the recording (a leak is suspected)";
		}
		if (since != null) {
			return "recording since " + since + " (a leak is suspected); " + this.recordingDumpsTaken + " of at most "
					+ MAX_DUMPS_PER_RECORDING + " dumps taken, the next after "
					+ this.settings.sampleFor().multipliedBy(this.recordingDumps + 1L)
					+ " of sampling; stops once a dump names the culprit of every suspect";
		}
		String idle = "the recording runs only while a leak is suspected (memory.audit.retention.recording=on-leak):"
				+ " it starts on LEAK_SUSPECTED and dumps after " + this.settings.sampleFor() + " of sampling";
		Instant ended = this.recordingEnded;
		if (ended == null) {
			return "idle: " + idle;
		}
		return "stopped at " + ended + " (" + this.recordingEndReason + "); " + idle + ", again no sooner than "
				+ this.settings.resampleInterval() + " after the last one ended";
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
			return new RetentionDump(current, null, current.unavailable(), false);
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
				return new RetentionDump(this.report, null, "the retention recording is not running: "
						+ recordingStatus(), true);
			}
			if (!wait.isZero()) {
				return new RetentionDump(this.report, wait, "a retention dump was taken less than "
						+ this.settings.minInterval() + " ago (memory.audit.retention.min-interval)", false);
			}
			this.report = take(active, trigger);
			if (this.report.lastError() == null && this.report.dumpedAt() != null) {
				this.named = remember(this.report);
			}
			String message = (this.report.lastError() != null) ? "dump failed: " + this.report.lastError()
					: this.report.paths().size() + " retention path(s) from " + this.report.samples() + " sample(s)";
			return new RetentionDump(this.report, null, message, false);
		}
	}

	/**
	 * The on-leak baseline: a dump read for its collection sizes only, not published (its samples are too young to
	 * name a culprit); its pause is reported like any other.
	 */
	private void baselineDump(String marker) {
		this.inProgress.set(marker);
		try {
			synchronized (this.dumpLock) {
				RetentionRecorder active;
				synchronized (this) {
					active = this.recorder;
					if (active == null || !untilAllowed().isZero()) {
						return;
					}
					this.lastDump = this.clock.instant();
				}
				take(active, "baseline of collection sizes");
			}
		}
		finally {
			this.inProgress.compareAndSet(marker, null);
		}
	}

	/**
	 * Takes and reads a dump; called with {@code dumpLock} held. A dump that was read becomes the previous dump of the
	 * next one of the same recording.
	 */
	private RetentionReport take(RetentionRecorder active, String trigger) {
		Instant at = this.clock.instant();
		RetentionReport before = this.lastOfRecording;
		Culprit.PreviousDump previous = (before != null && before.dumpedAt() != null)
				? new Culprit.PreviousDump(before.dumpedAt(), before.paths()) : null;
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
			RetentionReport taken = new RetentionReport(true, null, trigger, at,
					TimeUnit.NANOSECONDS.toMillis(dumpNanos), TimeUnit.NANOSECONDS.toMillis(analyzeNanos), size,
					this.settings.jfrCutoff(), analysis.samples(), analysis.samplesWithRoot(), analysis.paths(),
					retainedBy(currentSuspects, analysis.paths()), null, previous);
			synchronized (this) {
				// unless the recording stopped meanwhile
				if (this.recorder == active) {
					this.lastOfRecording = taken;
				}
			}
			return taken;
		}
		catch (IOException | RuntimeException ex) {
			RetentionReport published = this.report;
			return new RetentionReport(true, null, trigger, at, 0, 0, 0, this.settings.jfrCutoff(), 0, 0,
					published.paths(), published.retainedBy(), String.valueOf(ex), published.previous());
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
	 * @return at most {@value #MAX_CULPRITS}, most suspicious first
	 */
	List<Culprit> culprits(RetentionReport report) {
		return Culprit.withEarlier(fresh(report), this.named, this.suspects, this.exhaustionSeconds, MAX_CULPRITS);
	}

	private List<Culprit> fresh(RetentionReport report) {
		List<Culprit> fresh = Culprit.of(this.suspects, report.paths(), report.previous(), this.exhaustionSeconds,
				MAX_CULPRITS);
		return (report.dumpedAt() != null) ? fresh.stream().map((c) -> c.namedAt(report.dumpedAt())).toList() : fresh;
	}

	private List<Culprit> remember(RetentionReport report) {
		return Culprit.remember(fresh(report), this.named, Culprit.steadyHolders(report.paths(), report.previous()),
				2 * MAX_CULPRITS);
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
		// once, so that the JSON and the markdown name the same culprits
		List<Culprit> culprits = culprits(current);
		Map<String, Object> body = new LinkedHashMap<>();
		if (current.unavailable() != null) {
			body.put("unavailable", current.unavailable());
		}
		else {
			body.put("recording", recordingStatus());
			body.put("dumpedAt", current.dumpedAt());
			body.put("trigger", current.trigger());
			String running = this.inProgress.get();
			if (running != null) {
				// the trend just turned: the paths for it follow in a second or two
				body.put("dumpInProgress", running);
			}
			body.put("culprits", culprits);
			body.put("retainedBy", current.retainedBy());
			body.put("topPaths", current.paths().stream().limit(3)
				.map((path) -> path.holder() + ": " + path.text() + ", allocated at " + path.allocatedAt().site()
						+ " (" + path.samples() + " samples)")
				.toList());
		}
		return List.of(new ReportSection("retention", Verdict.INSUFFICIENT_DATA, body,
				RetentionMarkdown.section(current, culprits, recordingStatus())));
	}

	/**
	 * Waits until the dump thread has done everything queued so far (for tests).
	 * @param timeout how long to wait at most
	 * @return whether it has, {@code false} on time-out or when the thread does not run
	 */
	boolean awaitDumpThread(Duration timeout) {
		ExecutorService active;
		synchronized (this) {
			active = this.executor;
		}
		if (active == null) {
			return false;
		}
		try {
			active.submit(() -> {
			}).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
		catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException
				| RejectedExecutionException ex) {
			return false;
		}
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
			RetentionRecorder stopping;
			synchronized (this) {
				stopping = this.recorder;
				this.recorder = null;
				this.recordingSince = null;
				// whatever was queued on the dump thread was dropped with it
				this.recordingChange = false;
				this.recordingDumps = 0;
				this.recordingDumpsTaken = 0;
				this.inProgress.set(null);
			}
			if (stopping != null) {
				stopping.close();
			}
		}
	}

}
