package dev.memoryaudit.autoconfigure;

import java.time.Duration;

import dev.memoryaudit.engine.ConfirmationMode;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties of memory-audit, under {@code memory.audit}.
 */
@ConfigurationProperties("memory.audit")
public class MemoryAuditProperties {

	/**
	 * Whether memory-audit is enabled. When false, no snapshot is taken and no endpoint, meter or health
	 * contributor is registered.
	 */
	private boolean enabled = true;

	private final Snapshot snapshot = new Snapshot();

	private final Histogram histogram = new Histogram();

	private final Trend trend = new Trend();

	private final Confirmation confirmation = new Confirmation();

	private final Marking marking = new Marking();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Snapshot getSnapshot() {
		return this.snapshot;
	}

	public Histogram getHistogram() {
		return this.histogram;
	}

	public Trend getTrend() {
		return this.trend;
	}

	public Confirmation getConfirmation() {
		return this.confirmation;
	}

	public Marking getMarking() {
		return this.marking;
	}

	/**
	 * Exact live-set measurements from the collector's own marking (G1, ZGC, Shenandoah), read from a unified-logging
	 * output turned on at run time into a private directory.
	 */
	public static class Marking {

		/**
		 * Whether to read the collector's marking results from a unified-logging output turned on at run time
		 * (VM.log). The file lives in a private directory (0700, file 0600), is rotated by the JVM at 4 MiB (one older
		 * file kept) and is deleted when the application context closes.
		 */
		private boolean enabled = true;

		/**
		 * Directory under which the private log directory is created. Unset: java.io.tmpdir.
		 */
		private java.nio.file.@org.jspecify.annotations.Nullable Path directory;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public java.nio.file.@org.jspecify.annotations.Nullable Path getDirectory() {
			return this.directory;
		}

		public void setDirectory(java.nio.file.@org.jspecify.annotations.Nullable Path directory) {
			this.directory = directory;
		}

	}

	/**
	 * Cheap snapshot settings.
	 */
	public static class Snapshot {

		/**
		 * Time between two cheap snapshots (MXBeans and GC notifications only, no pause).
		 */
		private Duration interval = Duration.ofMinutes(1);

		/**
		 * Delay before the first snapshot after startup.
		 */
		private Duration initialDelay = Duration.ofSeconds(30);

		/**
		 * Number of cheap snapshots kept in memory (1,440 is 24 hours at one a minute, about 2 MB).
		 */
		private int historySize = 1440;

		public Duration getInterval() {
			return this.interval;
		}

		public void setInterval(Duration interval) {
			this.interval = PropertyChecks.positive("memory.audit.snapshot.interval", interval);
		}

		public Duration getInitialDelay() {
			return this.initialDelay;
		}

		public void setInitialDelay(Duration initialDelay) {
			this.initialDelay = PropertyChecks.notNegative("memory.audit.snapshot.initial-delay", initialDelay);
		}

		public int getHistorySize() {
			return this.historySize;
		}

		public void setHistorySize(int historySize) {
			this.historySize = PropertyChecks.atLeast("memory.audit.snapshot.history-size", 2, historySize);
		}

	}

	/**
	 * Class histogram settings. A histogram pauses the JVM (0.2-0.6 s on a 730 MB live heap on 2 cores).
	 */
	public static class Histogram {

		/**
		 * Time between scheduled class histograms; 0 disables scheduled, baseline and escalation histograms.
		 */
		private Duration interval = Duration.ofMinutes(60);

		/**
		 * Minimum time between any two class histograms, whatever triggers them (schedule, escalation, confirmation,
		 * on demand).
		 */
		private Duration minInterval = Duration.ofMinutes(5);

		/**
		 * Number of classes kept per histogram, largest by bytes first; totals always cover all classes.
		 */
		private int topClasses = 200;

		/**
		 * Number of class histograms kept in memory.
		 */
		private int historySize = 48;

		/**
		 * Number of histograms taken on the ticks after the trend first turns to growth, to attribute it to classes.
		 */
		private int escalation = 3;

		/**
		 * Threads for the histogram's heap walk (-parallel=N where the JVM supports it); 0 picks
		 * min(available processors, 2), which cut the pause by ~40% on 2 cores.
		 */
		private int parallelThreads = 0;

		public Duration getInterval() {
			return this.interval;
		}

		public void setInterval(Duration interval) {
			this.interval = PropertyChecks.notNegative("memory.audit.histogram.interval", interval);
		}

		public Duration getMinInterval() {
			return this.minInterval;
		}

		public void setMinInterval(Duration minInterval) {
			this.minInterval = PropertyChecks.notNegative("memory.audit.histogram.min-interval", minInterval);
		}

		public int getTopClasses() {
			return this.topClasses;
		}

		public void setTopClasses(int topClasses) {
			this.topClasses = PropertyChecks.atLeast("memory.audit.histogram.top-classes", 1, topClasses);
		}

		public int getHistorySize() {
			return this.historySize;
		}

		public void setHistorySize(int historySize) {
			this.historySize = PropertyChecks.atLeast("memory.audit.histogram.history-size", 2, historySize);
		}

		public int getEscalation() {
			return this.escalation;
		}

		public void setEscalation(int escalation) {
			this.escalation = PropertyChecks.atLeast("memory.audit.histogram.escalation", 0, escalation);
		}

		public int getParallelThreads() {
			return this.parallelThreads;
		}

		public void setParallelThreads(int parallelThreads) {
			this.parallelThreads = PropertyChecks.atLeast("memory.audit.histogram.parallel-threads", 0,
					parallelThreads);
		}

	}

	/**
	 * Trend assessment settings.
	 */
	public static class Trend {

		/**
		 * Snapshots taken within this time of start (of the JVM and of the application context, whichever is later)
		 * are ignored by the trend (start-up allocation is not a leak).
		 */
		private Duration warmup = Duration.ofMinutes(10);

		/**
		 * Minimum snapshots after warm-up before a verdict other than INSUFFICIENT_DATA.
		 */
		private int minPoints = 12;

		/**
		 * Only the most recent snapshots within this span are assessed.
		 */
		private Duration window = Duration.ofHours(6);

		/**
		 * One-sided Mann-Kendall p-value below which growth counts as significant.
		 */
		private double significance = 0.01;

		/**
		 * Minimum growth per hour, as a fraction of the ceiling (heap max for the live set, FD limit for FDs), below
		 * which a series reads STABLE.
		 */
		private double minGrowthRate = 0.0025;

		/**
		 * Growth over the window must exceed this many times the series' robust noise.
		 */
		private double noiseFactor = 3.0;

		/**
		 * The recent part's slope must be at least this fraction of the overall slope; below it a series is
		 * levelling off (a cache filling to its cap) and is not read as a leak.
		 */
		private double saturationRatio = 0.5;

		/**
		 * Fraction of the window's points that form the recent part for the saturation check.
		 */
		private double recentFraction = 0.33;

		/**
		 * Points of the reclaimed floor (usage after old-generation collections) needed before its trend counts as
		 * strong evidence.
		 */
		private int minReclaimedPoints = 4;

		/**
		 * One-sided p-value for the reclaimed-floor trend; with exact Mann-Kendall p-values, 0.01 needs at least 5
		 * increasing points (4 always give 1/24 = 0.042, which confirmed steps and cache fills in the benchmark).
		 */
		private double reclaimedSignificance = 0.01;

		/**
		 * Growth is not confirmed as a leak (LEAK_SUSPECTED) before this time after start (counted like the
		 * warm-up): caches and pools that fill after start-up grow like leaks until they are full. Until then growth
		 * reads GROWING.
		 */
		private Duration leakWarmup = Duration.ofHours(1);

		public Duration getLeakWarmup() {
			return this.leakWarmup;
		}

		public void setLeakWarmup(Duration leakWarmup) {
			this.leakWarmup = PropertyChecks.notNegative("memory.audit.trend.leak-warmup", leakWarmup);
		}

		public Duration getWarmup() {
			return this.warmup;
		}

		public void setWarmup(Duration warmup) {
			this.warmup = PropertyChecks.notNegative("memory.audit.trend.warmup", warmup);
		}

		public int getMinPoints() {
			return this.minPoints;
		}

		public void setMinPoints(int minPoints) {
			this.minPoints = PropertyChecks.atLeast("memory.audit.trend.min-points", 3, minPoints);
		}

		public Duration getWindow() {
			return this.window;
		}

		public void setWindow(Duration window) {
			this.window = PropertyChecks.positive("memory.audit.trend.window", window);
		}

		public double getSignificance() {
			return this.significance;
		}

		public void setSignificance(double significance) {
			this.significance = PropertyChecks.between("memory.audit.trend.significance", 1e-9, 0.5, significance);
		}

		public double getMinGrowthRate() {
			return this.minGrowthRate;
		}

		public void setMinGrowthRate(double minGrowthRate) {
			this.minGrowthRate = PropertyChecks.between("memory.audit.trend.min-growth-rate", 0, 1, minGrowthRate);
		}

		public double getNoiseFactor() {
			return this.noiseFactor;
		}

		public void setNoiseFactor(double noiseFactor) {
			this.noiseFactor = PropertyChecks.between("memory.audit.trend.noise-factor", 0, 100, noiseFactor);
		}

		public double getSaturationRatio() {
			return this.saturationRatio;
		}

		public void setSaturationRatio(double saturationRatio) {
			this.saturationRatio = PropertyChecks.between("memory.audit.trend.saturation-ratio", 0, 1, saturationRatio);
		}

		public double getRecentFraction() {
			return this.recentFraction;
		}

		public void setRecentFraction(double recentFraction) {
			this.recentFraction = PropertyChecks.between("memory.audit.trend.recent-fraction", 0.05, 0.95,
					recentFraction);
		}

		public int getMinReclaimedPoints() {
			return this.minReclaimedPoints;
		}

		public void setMinReclaimedPoints(int minReclaimedPoints) {
			this.minReclaimedPoints = PropertyChecks.atLeast("memory.audit.trend.min-reclaimed-points", 3,
					minReclaimedPoints);
		}

		public double getReclaimedSignificance() {
			return this.reclaimedSignificance;
		}

		public void setReclaimedSignificance(double reclaimedSignificance) {
			this.reclaimedSignificance = PropertyChecks.between("memory.audit.trend.reclaimed-significance", 1e-9, 0.5,
					reclaimedSignificance);
		}

	}

	/**
	 * How weak live-set evidence (after-young-GC floors, reclaimed floors with residue) is turned into an exact
	 * measurement of the live set.
	 */
	public static class Confirmation {

		/**
		 * Confirmation mode: auto (no pause where the collector's own marking measured the live set recently, a
		 * concurrent cycle where System.gc() runs as one (G1 with -XX:+ExplicitGCInvokesConcurrent, Shenandoah, ZGC), otherwise a live class histogram only when its predicted
		 * pause fits max-pause and pause-budget), none (only what the collector measures on its own), live-histogram
		 * (a live class histogram, within the pause budget) or concurrent (System.gc() where it runs as a concurrent
		 * G1 cycle).
		 */
		private ConfirmationMode mode = ConfirmationMode.AUTO;

		/**
		 * Consecutive ticks of unconfirmed live-set growth before a confirmation chain starts. A chain takes a second
		 * confirmation after min-interval and goes on while each measures more live bytes than the one before and
		 * growth is not yet confirmed.
		 */
		private int after = 5;

		/**
		 * Minimum time between two confirmations. Unset: 10 snapshot intervals (10 minutes at the default 1-minute
		 * interval). Confirmations that keep finding no growth come ever less often, up to 4 times this.
		 */
		private @org.jspecify.annotations.Nullable Duration minInterval;

		/**
		 * Longest pause a single live-histogram confirmation may cause; its pause is predicted from the live set and
		 * the pauses measured so far, and a confirmation predicted to pause longer is not taken.
		 */
		private Duration maxPause = Duration.ofMillis(200);

		/**
		 * Share of wall time that all pauses the starter causes (histograms, confirmations) may take over the
		 * trailing hour; 0.001 is 0.1 %, 3.6 s an hour.
		 */
		private double pauseBudget = 0.001;

		public ConfirmationMode getMode() {
			return this.mode;
		}

		public void setMode(ConfirmationMode mode) {
			this.mode = mode;
		}

		public int getAfter() {
			return this.after;
		}

		public void setAfter(int after) {
			this.after = PropertyChecks.atLeast("memory.audit.confirmation.after", 1, after);
		}

		public @org.jspecify.annotations.Nullable Duration getMinInterval() {
			return this.minInterval;
		}

		public void setMinInterval(@org.jspecify.annotations.Nullable Duration minInterval) {
			this.minInterval = (minInterval != null)
					? PropertyChecks.notNegative("memory.audit.confirmation.min-interval", minInterval) : null;
		}

		/**
		 * The minimum interval in effect: as set, or 10 snapshot intervals.
		 * @param snapshotInterval the snapshot interval
		 * @return the interval
		 */
		public Duration effectiveMinInterval(Duration snapshotInterval) {
			return (this.minInterval != null) ? this.minInterval : snapshotInterval.multipliedBy(10);
		}

		public Duration getMaxPause() {
			return this.maxPause;
		}

		public void setMaxPause(Duration maxPause) {
			this.maxPause = PropertyChecks.notNegative("memory.audit.confirmation.max-pause", maxPause);
		}

		public double getPauseBudget() {
			return this.pauseBudget;
		}

		public void setPauseBudget(double pauseBudget) {
			this.pauseBudget = PropertyChecks.between("memory.audit.confirmation.pause-budget", 0, 0.1, pauseBudget);
		}

	}

}
