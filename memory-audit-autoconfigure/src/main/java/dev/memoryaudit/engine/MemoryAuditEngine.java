package dev.memoryaudit.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import dev.memoryaudit.histogram.ClassHistogram;
import dev.memoryaudit.histogram.HistogramCapture;
import dev.memoryaudit.histogram.HistogramCapturer;
import dev.memoryaudit.snapshot.GcMonitor;
import dev.memoryaudit.snapshot.Snapshot;
import dev.memoryaudit.snapshot.SnapshotCapturer;
import dev.memoryaudit.trend.Confirmation;
import dev.memoryaudit.trend.ReportSection;
import dev.memoryaudit.trend.ReportSectionContributor;
import dev.memoryaudit.trend.SeriesAssessment;
import dev.memoryaudit.trend.SeriesDefinition;
import dev.memoryaudit.trend.TrendAnalyzer;
import dev.memoryaudit.trend.TrendInput;
import dev.memoryaudit.trend.TrendReport;
import dev.memoryaudit.trend.Verdict;
import dev.memoryaudit.trend.VerdictLatch;
import org.jspecify.annotations.Nullable;

/**
 * Takes snapshots, decides when a class histogram is worth its pause, keeps bounded history and the latest trend
 * report.
 * <p>
 * Histograms are taken as a baseline on the first tick, then every histogram interval, on the ticks after the trend
 * first turns to growth (escalation), for confirmation, and on demand, never more often than the minimum interval.
 * Captures are serialized; readers never wait for a capture because history is copied out of bounded rings.
 */
public final class MemoryAuditEngine implements AutoCloseable {

	private final EngineSettings settings;

	private final SnapshotCapturer capturer;

	private final HistogramCapturer histogramCapturer;

	private final GcMonitor gcMonitor;

	private final ExplicitGc explicitGc;

	private final Clock clock;

	private final TrendAnalyzer analyzer;

	private final History history;

	private final HistogramPolicy histogramPolicy;

	private final List<Consumer<Snapshot>> snapshotListeners = new CopyOnWriteArrayList<>();

	private final Object captureLock = new Object();

	private final Instant startedAt;

	private final List<String> platformNotes;

	private final List<ReportSectionContributor> sectionContributors;

	private final List<Consumer<TrendReport>> tickListeners = new CopyOnWriteArrayList<>();

	private volatile @Nullable TrendReport report;

	private volatile @Nullable String histogramUnavailable;

	/** The report sections of the last tick: computed once per tick, reused by the analyses between ticks. */
	private volatile @Nullable List<ReportSection> sections;

	private final ConfirmationRunner confirmations;

	private final VerdictLatch latch;

	/**
	 * Creates an engine.
	 * @param settings the settings
	 * @param capturer the snapshot capturer
	 * @param histogramCapturer the histogram capturer
	 * @param gcMonitor the started GC monitor, closed with the engine
	 * @param explicitGc the explicit-GC seam used by the concurrent confirmation mode
	 * @param platformNotes what is unavailable on this platform, carried into reports
	 * @param sectionContributors contributors of report sections
	 * @param clock the wall clock
	 */
	public MemoryAuditEngine(EngineSettings settings, SnapshotCapturer capturer, HistogramCapturer histogramCapturer,
			GcMonitor gcMonitor, ExplicitGc explicitGc, List<String> platformNotes,
			List<ReportSectionContributor> sectionContributors, Clock clock) {
		this.settings = settings;
		this.capturer = capturer;
		this.histogramCapturer = histogramCapturer;
		this.gcMonitor = gcMonitor;
		this.explicitGc = explicitGc;
		this.clock = clock;
		this.platformNotes = List.copyOf(platformNotes);
		this.sectionContributors = List.copyOf(sectionContributors);
		this.analyzer = new TrendAnalyzer(settings.thresholds(), settings.series());
		this.startedAt = clock.instant();
		this.history = new History(settings.snapshotHistorySize(), settings.histogramHistorySize());
		this.histogramPolicy = new HistogramPolicy(settings.histogramInterval(), settings.histogramMinInterval(),
				settings.escalationHistograms());
		this.latch = new VerdictLatch(2 * settings.thresholds().minPoints(), 5, settings.thresholds().minGrowthRate());
		this.confirmations = new ConfirmationRunner(settings.confirmationMode(),
				new ConfirmationPolicy(settings.confirmationAfter(), settings.confirmationMinInterval(),
						settings.thresholds().minGrowthRate()),
				settings.confirmationMinInterval(),
				new PauseBudget(settings.pauseBudget(), settings.confirmationMaxPause()), explicitGc,
				(snapshot) -> {
					HistogramRecord record = captureHistogram(snapshot, true, HistogramTrigger.CONFIRMATION);
					return (record != null) ? record.histogram() : null;
				});
		// heap dumps and retention dumps pause the JVM too: they count against the budget and reach the pause timer
		for (ReportSectionContributor contributor : this.sectionContributors) {
			if (contributor instanceof PauseSource source) {
				source.addPauseListener((millis) -> this.confirmations.budget()
					.record(this.clock.instant(), millis, -1, source.pauseCause()));
			}
		}
	}

	/**
	 * When this engine started; warm-up counts from here (or from JVM start, whichever is later).
	 * @return the start instant
	 */
	public Instant startedAt() {
		return this.startedAt;
	}

	public EngineSettings settings() {
		return this.settings;
	}

	/**
	 * Takes a scheduled snapshot, and a histogram or confirmation when the policy says so.
	 * @param startLagMillis how late the tick started
	 * @return the snapshot
	 */
	public Snapshot tick(@Nullable Long startLagMillis) {
		synchronized (this.captureLock) {
			Snapshot snapshot = takeSnapshot(startLagMillis);
			List<ReportSection> tickSections = sections(this.history.snapshots());
			this.sections = tickSections;
			TrendReport current = analyze(tickSections);
			this.histogramPolicy.observe(current);
			// A due confirmation goes first: its live histogram also serves as an escalation histogram.
			boolean confirmed = this.confirmations.run(current, snapshot, this.history.snapshots());
			HistogramTrigger trigger = confirmed ? null : this.histogramPolicy.due(snapshot.time());
			if (confirmed) {
				this.histogramPolicy.confirmationTaken();
			}
			if (trigger != null) {
				captureHistogram(snapshot, false, trigger);
			}
			if (confirmed || trigger != null) {
				current = analyze(tickSections);
			}
			current = this.latch.apply(current);
			this.report = current;
			for (Consumer<TrendReport> listener : this.tickListeners) {
				try {
					listener.accept(current);
				}
				catch (RuntimeException ex) {
					// a listener never fails the tick
				}
			}
			return snapshot;
		}
	}

	/**
	 * Adds a listener called with the trend report at the end of every tick, on the snapshot thread; it must be cheap.
	 * @param listener the listener
	 */
	public void addTickListener(Consumer<TrendReport> listener) {
		this.tickListeners.add(listener);
	}

	/**
	 * Takes a snapshot with a histogram now, unless a histogram was taken within the minimum interval.
	 * @return the capture, or a refusal with the time until allowed
	 */
	public OnDemandCapture captureOnDemand() {
		synchronized (this.captureLock) {
			Instant now = this.clock.instant();
			Duration wait = this.histogramPolicy.untilAllowed(now);
			if (!wait.isZero()) {
				return new OnDemandCapture(null, null, wait, "a histogram was taken less than "
						+ this.settings.histogramMinInterval() + " ago (memory.audit.histogram.min-interval)");
			}
			Snapshot snapshot = takeSnapshot(null);
			HistogramRecord record = captureHistogram(snapshot, false, HistogramTrigger.ON_DEMAND);
			this.report = this.latch.view(analyze(lastSections()));
			String message = (record != null) ? "snapshot " + snapshot.id() + " taken with a histogram"
					: "snapshot " + snapshot.id() + " taken; " + this.histogramUnavailable;
			return new OnDemandCapture(snapshot, record, null, message);
		}
	}

	/**
	 * Time until another histogram is allowed.
	 * @param now the current time
	 * @return zero when allowed now
	 */
	public Duration untilHistogramAllowed(Instant now) {
		synchronized (this.captureLock) {
			return this.histogramPolicy.untilAllowed(now);
		}
	}

	private Snapshot takeSnapshot(@Nullable Long startLagMillis) {
		Snapshot snapshot = this.capturer.capture(this.history.nextId(), startLagMillis);
		this.history.add(snapshot);
		for (Consumer<Snapshot> listener : this.snapshotListeners) {
			try {
				listener.accept(snapshot);
			}
			catch (RuntimeException ex) {
				// a listener (such as the persisted history) must never stop the schedule; it reports on its own
			}
		}
		return snapshot;
	}

	private @Nullable HistogramRecord captureHistogram(Snapshot snapshot, boolean live, HistogramTrigger trigger) {
		HistogramCapture capture = this.histogramCapturer.capture(live);
		Instant now = this.clock.instant();
		ClassHistogram taken = capture.histogram();
		if (taken != null && trigger != HistogramTrigger.CONFIRMATION) {
			// every pause of ours counts against the confirmations' budget; confirmations record their own
			this.confirmations.budget()
				.record(now, taken.captureDuration().toMillis(), -1, live ? PauseCause.LIVE_HISTOGRAM : PauseCause.HISTOGRAM);
		}
		this.histogramPolicy.taken(now, trigger);
		ClassHistogram histogram = capture.histogram();
		if (histogram == null) {
			this.histogramUnavailable = capture.unavailableReason();
			return null;
		}
		this.histogramUnavailable = null;
		HistogramRecord record = new HistogramRecord(snapshot.id(), trigger.tag(), histogram);
		this.history.add(record);
		return record;
	}

	private TrendReport analyze(List<ReportSection> reportSections) {
		List<ClassHistogram> histogramList = this.history.histograms().stream().map(HistogramRecord::histogram).toList();
		return this.analyzer.analyze(new TrendInput(this.clock.instant(), this.history.snapshots(), histogramList,
				this.confirmations.confirmations(), this.settings.confirmationMode().value(), notes(), reportSections,
				this.startedAt, this.confirmations.status()));
	}

	/**
	 * The sections of the last tick; before the first tick they are computed once (and kept until it).
	 */
	private List<ReportSection> lastSections() {
		List<ReportSection> last = this.sections;
		if (last == null) {
			last = sections(this.history.snapshots());
			this.sections = last;
		}
		return last;
	}

	private List<ReportSection> sections(List<Snapshot> history) {
		List<ReportSection> sections = new ArrayList<>();
		for (ReportSectionContributor contributor : this.sectionContributors) {
			try {
				sections.addAll(contributor.sections(history));
			}
			catch (RuntimeException ex) {
				sections.add(new ReportSection(contributor.getClass().getSimpleName(), Verdict.INSUFFICIENT_DATA,
						java.util.Map.of("unavailable", String.valueOf(ex)),
						"## " + contributor.getClass().getSimpleName() + "\n\nunavailable: " + ex + "\n"));
			}
		}
		return sections;
	}

	private List<String> notes() {
		List<String> notes = new ArrayList<>(this.platformNotes);
		String histogram = this.histogramUnavailable;
		if (histogram != null) {
			notes.add(histogram);
		}
		if (!this.gcMonitor.isAvailable()) {
			notes.add("GC notifications unavailable: the live set is read from pool collection usage");
		}
		if (this.settings.confirmationMode() == ConfirmationMode.CONCURRENT) {
			String reason = this.explicitGc.unavailableReason();
			if (reason != null) {
				notes.add("confirmation mode concurrent unavailable, behaving like none: " + reason);
			}
		}
		for (dev.memoryaudit.snapshot.LiveSetSource source : this.capturer.liveSetSources()) {
			String reason = source.unavailableReason();
			if (reason != null) {
				notes.add("exact live-set source " + source.description() + " unavailable: " + reason);
			}
		}
		return notes;
	}

	/**
	 * The latest trend report, computed at the last tick or now when there was none.
	 * @return the report
	 */
	public TrendReport trend() {
		TrendReport current = this.report;
		if (current != null) {
			return current;
		}
		synchronized (this.captureLock) {
			return analyze(lastSections());
		}
	}

	/**
	 * Preloads snapshots of earlier runs (persisted history), oldest first, before the ones taken so far; new ids
	 * continue after the highest restored id. Restored snapshots whose ids are not below those already taken are
	 * skipped.
	 * @param restored the snapshots to restore
	 * @return how many were restored
	 */
	public int restore(List<Snapshot> restored) {
		synchronized (this.captureLock) {
			int count = this.history.restore(restored);
			List<ReportSection> restoredSections = sections(this.history.snapshots());
			this.sections = restoredSections;
			this.report = this.latch.view(analyze(restoredSections));
			return count;
		}
	}

	/**
	 * Registers a listener called with every snapshot taken, on the capturing thread; exceptions are ignored.
	 * @param listener the listener
	 */
	public void onSnapshot(Consumer<Snapshot> listener) {
		this.snapshotListeners.add(listener);
	}

	public List<Snapshot> snapshots() {
		return this.history.snapshots();
	}

	public @Nullable Snapshot snapshot(long id) {
		return this.history.snapshot(id);
	}

	public List<HistogramRecord> histograms() {
		return this.history.histograms();
	}

	public @Nullable HistogramRecord histogram(long snapshotId) {
		return this.history.histogram(snapshotId);
	}

	/**
	 * Looks up a snapshot.
	 * @param id the id
	 * @return the snapshot
	 * @throws HistoryLookupException when the id is not in history
	 */
	public Snapshot requireSnapshot(long id) {
		return this.history.requireSnapshot(id);
	}

	/**
	 * The budget every pause of ours counts against (histograms and confirmations).
	 * @return the budget
	 */
	public PauseBudget pauseBudget() {
		return this.confirmations.budget();
	}

	/**
	 * Our pauses in the trailing hour as a fraction of what the pause budget allows, on the engine's clock.
	 * @return the fraction
	 */
	public double pauseBudgetUsage() {
		PauseBudget budget = this.confirmations.budget();
		long allowed = budget.allowedMillis();
		long used = budget.usedMillis(this.clock.instant());
		return (allowed <= 0) ? ((used > 0) ? 1 : 0) : (double) used / allowed;
	}

	/**
	 * What the exact live-set sources have added to the collector's own pauses (G1's liveness log is written inside
	 * remark and cleanup), estimated.
	 * @return milliseconds since the start
	 */
	public double estimatedSourcePauseMillis() {
		return this.capturer.liveSetSources().stream().mapToDouble(dev.memoryaudit.snapshot.LiveSetSource::estimatedPauseMillis).sum();
	}

	public @Nullable String histogramUnavailable() {
		return this.histogramUnavailable;
	}

	@Override
	public void close() {
		this.gcMonitor.close();
	}

}
