package dev.memoryaudit.autoconfigure;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration properties of the bounded-structure auditors, under {@code memory.audit.auditors}.
 */
@ConfigurationProperties("memory.audit.auditors")
public class AuditorProperties {

	/**
	 * Whether to audit caches, executors, registered collections and thread groups.
	 */
	private boolean enabled = true;

	/**
	 * Fill (size divided by bound, 0 to 1) at or above which a bounded structure is reported NEAR_CAPACITY.
	 */
	private double nearCapacity = 0.8;

	/**
	 * Maximum number of structures and thread groups that get a series in snapshots and tagged meters; the rest are
	 * counted as untracked, so that cardinality cannot explode.
	 */
	private int maxTracked = 100;

	/**
	 * Number of thread groups, largest first, that get a memory.audit.threads.group gauge.
	 */
	private int topThreadGroups = 10;

	/**
	 * Growth of an unbounded structure over the trend window (entries, weight or queued tasks) below which it is
	 * not reported GROWING.
	 */
	private long minGrowth = 100;

	/**
	 * Growth of a thread group over the trend window (threads) below which it is not reported
	 * THREAD_GROUP_GROWING.
	 */
	private long minThreadGrowth = 5;

	private final Meters meters = new Meters();

	private final Classes classes = new Classes();

	private final Sessions sessions = new Sessions();

	private final ThreadLocals threadLocals = new ThreadLocals();

	public Meters getMeters() {
		return this.meters;
	}

	public Classes getClasses() {
		return this.classes;
	}

	public Sessions getSessions() {
		return this.sessions;
	}

	public ThreadLocals getThreadLocals() {
		return this.threadLocals;
	}

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public double getNearCapacity() {
		return this.nearCapacity;
	}

	public void setNearCapacity(double nearCapacity) {
		this.nearCapacity = PropertyChecks.require("memory.audit.auditors.near-capacity",
				nearCapacity > 0 && nearCapacity <= 1, "greater than 0 and at most 1", nearCapacity);
	}

	public int getMaxTracked() {
		return this.maxTracked;
	}

	public void setMaxTracked(int maxTracked) {
		this.maxTracked = PropertyChecks.atLeast("memory.audit.auditors.max-tracked", 0, maxTracked);
	}

	public int getTopThreadGroups() {
		return this.topThreadGroups;
	}

	public void setTopThreadGroups(int topThreadGroups) {
		this.topThreadGroups = PropertyChecks.atLeast("memory.audit.auditors.top-thread-groups", 0,
				topThreadGroups);
	}

	public long getMinGrowth() {
		return this.minGrowth;
	}

	public void setMinGrowth(long minGrowth) {
		this.minGrowth = PropertyChecks.atLeast("memory.audit.auditors.min-growth", 0L, minGrowth);
	}

	public long getMinThreadGrowth() {
		return this.minThreadGrowth;
	}

	public void setMinThreadGrowth(long minThreadGrowth) {
		this.minThreadGrowth = PropertyChecks.atLeast("memory.audit.auditors.min-thread-growth", 0L, minThreadGrowth);
	}

	/**
	 * Meter-registry cardinality audit, under {@code memory.audit.auditors.meters}.
	 */
	public static class Meters {

		/**
		 * Whether to audit the MeterRegistry: meters per name, distinct values per tag key and the scrape size.
		 */
		private boolean enabled = true;

		/**
		 * Meter names, those that grew most since start first, that get a series and a census of their tag values.
		 */
		private int trackedNames = 10;

		/**
		 * Meter names remembered at most; meters of further names are counted in the total only.
		 */
		private int maxNames = 2000;

		/**
		 * Distinct values counted per tag key of a tracked meter name; beyond it the count reads "at least".
		 */
		private int maxValuesPerTag = 1000;

		/**
		 * Meters of one name added over the trend window below which the name is not reported
		 * METER_CARDINALITY_GROWING.
		 */
		private long minGrowth = 50;

		/**
		 * Growth of the scrape over the trend window below which its trend reads STABLE.
		 */
		private DataSize minScrapeGrowth = DataSize.ofKilobytes(64);

		/**
		 * Render the Prometheus scrape (to measure its samples and bytes) on every n-th snapshot tick; 0 never.
		 */
		private int scrapeEvery = 10;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public int getTrackedNames() {
			return this.trackedNames;
		}

		public void setTrackedNames(int trackedNames) {
			this.trackedNames = PropertyChecks.atLeast("memory.audit.auditors.meters.tracked-names", 0, trackedNames);
		}

		public int getMaxNames() {
			return this.maxNames;
		}

		public void setMaxNames(int maxNames) {
			this.maxNames = PropertyChecks.atLeast("memory.audit.auditors.meters.max-names", 1, maxNames);
		}

		public int getMaxValuesPerTag() {
			return this.maxValuesPerTag;
		}

		public void setMaxValuesPerTag(int maxValuesPerTag) {
			this.maxValuesPerTag = PropertyChecks.atLeast("memory.audit.auditors.meters.max-values-per-tag", 1,
					maxValuesPerTag);
		}

		public long getMinGrowth() {
			return this.minGrowth;
		}

		public void setMinGrowth(long minGrowth) {
			this.minGrowth = PropertyChecks.atLeast("memory.audit.auditors.meters.min-growth", 0L, minGrowth);
		}

		public DataSize getMinScrapeGrowth() {
			return this.minScrapeGrowth;
		}

		public void setMinScrapeGrowth(DataSize minScrapeGrowth) {
			this.minScrapeGrowth = minScrapeGrowth;
		}

		public int getScrapeEvery() {
			return this.scrapeEvery;
		}

		public void setScrapeEvery(int scrapeEvery) {
			this.scrapeEvery = PropertyChecks.atLeast("memory.audit.auditors.meters.scrape-every", 0, scrapeEvery);
		}

	}

	/**
	 * Class-loading audit, under {@code memory.audit.auditors.classes}.
	 */
	public static class Classes {

		/**
		 * Whether to follow loaded classes, metaspace and compressed class space, and name the class loaders behind
		 * their growth.
		 */
		private boolean enabled = true;

		/**
		 * Loaded classes added over the trend window below which they are not reported CLASSES_GROWING.
		 */
		private long minGrowth = 500;

		/**
		 * Metaspace (or compressed class space) added over the trend window below which it is not growing.
		 */
		private DataSize minMetaspaceGrowth = DataSize.ofMegabytes(16);

		/**
		 * Read VM.classloader_stats on every n-th snapshot tick (and, while classes grow, VM.classloaders at most as
		 * often); 0 never.
		 */
		private int statsEvery = 10;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public long getMinGrowth() {
			return this.minGrowth;
		}

		public void setMinGrowth(long minGrowth) {
			this.minGrowth = PropertyChecks.atLeast("memory.audit.auditors.classes.min-growth", 0L, minGrowth);
		}

		public DataSize getMinMetaspaceGrowth() {
			return this.minMetaspaceGrowth;
		}

		public void setMinMetaspaceGrowth(DataSize minMetaspaceGrowth) {
			this.minMetaspaceGrowth = minMetaspaceGrowth;
		}

		public int getStatsEvery() {
			return this.statsEvery;
		}

		public void setStatsEvery(int statsEvery) {
			this.statsEvery = PropertyChecks.atLeast("memory.audit.auditors.classes.stats-every", 0, statsEvery);
		}

	}

	/**
	 * HTTP-session audit, under {@code memory.audit.auditors.sessions}.
	 */
	public static class Sessions {

		/**
		 * Whether to follow the active HTTP sessions of the embedded Tomcat with their bound and timeout.
		 */
		private boolean enabled = true;

		/**
		 * Active sessions added over the trend window below which they are not reported SESSIONS_GROWING.
		 */
		private long minGrowth = 100;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public long getMinGrowth() {
			return this.minGrowth;
		}

		public void setMinGrowth(long minGrowth) {
			this.minGrowth = PropertyChecks.atLeast("memory.audit.auditors.sessions.min-growth", 0L, minGrowth);
		}

	}

	/**
	 * Thread-local audit, under {@code memory.audit.auditors.thread-locals}.
	 */
	public static class ThreadLocals {

		/**
		 * Whether to count thread-local entries on pooled threads (needs --add-opens java.base/java.lang=ALL-UNNAMED;
		 * reported unavailable without it).
		 */
		private boolean enabled = true;

		/**
		 * Pooled threads read per snapshot tick, lowest thread ids first.
		 */
		private int maxThreads = 64;

		/**
		 * Thread-local owners, those that grew most first, that get a series.
		 */
		private int trackedOwners = 10;

		/**
		 * Entries plus collection elements of one owner added over the trend window below which it is not reported
		 * THREAD_LOCALS_GROWING.
		 */
		private long minGrowth = 1000;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public int getMaxThreads() {
			return this.maxThreads;
		}

		public void setMaxThreads(int maxThreads) {
			this.maxThreads = PropertyChecks.atLeast("memory.audit.auditors.thread-locals.max-threads", 0, maxThreads);
		}

		public int getTrackedOwners() {
			return this.trackedOwners;
		}

		public void setTrackedOwners(int trackedOwners) {
			this.trackedOwners = PropertyChecks.atLeast("memory.audit.auditors.thread-locals.tracked-owners", 0,
					trackedOwners);
		}

		public long getMinGrowth() {
			return this.minGrowth;
		}

		public void setMinGrowth(long minGrowth) {
			this.minGrowth = PropertyChecks.atLeast("memory.audit.auditors.thread-locals.min-growth", 0L, minGrowth);
		}

	}

}
