package dev.memoryaudit.retention;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.memoryaudit.histogram.LeakSuspect;
import org.jspecify.annotations.Nullable;

/**
 * One leak named in full: the growing class from the histograms, who holds its instances (the path from the GC
 * root of the best sampled group that carries it) and where they are allocated, with the growth and the time left.
 *
 * @param className the growing class (JVM name)
 * @param displayName the class as people read it
 * @param bytesPerHour its growth in bytes an hour, from the histograms
 * @param instancesPerHour its growth in instances an hour
 * @param holder who holds it ({@code static field com.example.Orders.CACHE}, {@code thread-locals of thread ...})
 * @param path the chain from the sampled object to the holder, object first
 * @param root the GC root kind
 * @param allocatedAt where the sampled objects were allocated (first application frame)
 * @param allocationFrames the application frames of that stack, innermost first
 * @param samples old-object samples behind this holder (all its groups: chains and allocation stacks)
 * @param exhaustionSeconds seconds until the live set reaches the heap maximum at its growth, {@code null} when not
 * heading there
 * @param lookAt one line: what to look at first
 * @param holderGrowth how the holder's collection grew since the previous dump of the same recording
 * ({@code ArrayList in static com.example.Bus.LISTENERS: 12000 -> 31000 entries since 2026-12-07T15:03:12Z}), or
 * {@code null} when no collection on its path has a size in both dumps
 * @param namedAt when the dump that named it was taken; an earlier dump's culprit stays while its class is still a
 * suspect and no later dump named that class by that holder or found the holder steady, {@code null} before it is
 * stamped
 */
public record Culprit(String className, String displayName, double bytesPerHour, double instancesPerHour,
		String holder, String path, String root, String allocatedAt, List<String> allocationFrames, int samples,
		@Nullable Long exhaustionSeconds, String lookAt, @Nullable String holderGrowth, java.time.@Nullable Instant namedAt) {

	public Culprit {
		allocationFrames = List.copyOf(allocationFrames);
	}

	/**
	 * A culprit whose holder's growth is not known.
	 */
	public Culprit(String className, String displayName, double bytesPerHour, double instancesPerHour, String holder,
			String path, String root, String allocatedAt, List<String> allocationFrames, int samples,
			@Nullable Long exhaustionSeconds, String lookAt) {
		this(className, displayName, bytesPerHour, instancesPerHour, holder, path, root, allocatedAt, allocationFrames,
				samples, exhaustionSeconds, lookAt, null, null);
	}

	/**
	 * This culprit as named by the dump taken at the given moment.
	 * @param dumpedAt when the dump was taken
	 * @return the stamped culprit
	 */
	public Culprit namedAt(java.time.Instant dumpedAt) {
		return new Culprit(this.className, this.displayName, this.bytesPerHour, this.instancesPerHour, this.holder,
				this.path, this.root, this.allocatedAt, this.allocationFrames, this.samples, this.exhaustionSeconds,
				this.lookAt, this.holderGrowth, dumpedAt);
	}

	/**
	 * This culprit with the growth of its class as the histograms measure it now.
	 * @param suspect the class's current suspect entry
	 * @param exhaustionSeconds the live set's time to the heap maximum now
	 * @return the culprit with current rates
	 */
	public Culprit withRates(LeakSuspect suspect, @Nullable Long exhaustionSeconds) {
		return new Culprit(this.className, this.displayName, suspect.bytesPerHour(), suspect.instancesPerHour(),
				this.holder, this.path, this.root, this.allocatedAt, this.allocationFrames, this.samples,
				exhaustionSeconds, this.lookAt, this.holderGrowth, this.namedAt);
	}

	/**
	 * The culprits of the latest dump, then those earlier dumps named for classes that are still suspects, by
	 * holders the latest did not name (JFR's 256 samples are shared unevenly by several leaks, so one dump can miss a
	 * leak another named), with the rates of now; at most {@value #MAX_HOLDERS_PER_CLASS} per class.
	 * @param fresh the latest dump's culprits
	 * @param earlier the culprits kept from earlier dumps ({@link #remember})
	 * @param suspects the histogram suspects of now
	 * @param exhaustionSeconds the live set's time to the heap maximum now
	 * @param max culprits at most
	 * @return the culprits to show
	 */
	public static List<Culprit> withEarlier(List<Culprit> fresh, List<Culprit> earlier, List<LeakSuspect> suspects,
			@Nullable Long exhaustionSeconds, int max) {
		List<Culprit> result = new ArrayList<>(fresh);
		java.util.Set<String> holders = new java.util.HashSet<>();
		fresh.forEach((culprit) -> holders.add(culprit.classAndHolder()));
		for (LeakSuspect suspect : suspects) {
			if (!suspect.suspect()) {
				continue;
			}
			for (Culprit culprit : earlier) {
				if (result.size() >= max) {
					return result;
				}
				if (culprit.className().equals(suspect.className())
						&& result.stream().filter((c) -> c.className().equals(suspect.className()))
							.count() < MAX_HOLDERS_PER_CLASS
						&& holders.add(culprit.classAndHolder())) {
					result.add(culprit.withRates(suspect, exhaustionSeconds));
				}
			}
		}
		return result;
	}

	/**
	 * The culprits to keep after a dump: the ones it names, then earlier ones by other holders unless the dump found
	 * their holder steady.
	 * @param fresh the dump's culprits, stamped
	 * @param earlier the culprits kept before it
	 * @param steady the holders the dump found steady ({@link #steadyHolders})
	 * @param max culprits kept at most
	 * @return the culprits to keep
	 */
	public static List<Culprit> remember(List<Culprit> fresh, List<Culprit> earlier, java.util.Set<String> steady,
			int max) {
		List<Culprit> kept = new ArrayList<>(fresh);
		java.util.Set<String> holders = new java.util.HashSet<>();
		kept.forEach((culprit) -> holders.add(culprit.classAndHolder()));
		for (Culprit culprit : earlier) {
			if (kept.size() >= max) {
				break;
			}
			if (!steady.contains(culprit.holder()) && holders.add(culprit.classAndHolder())) {
				kept.add(culprit);
			}
		}
		return List.copyOf(kept);
	}

	/** One culprit per class and holder: the key that tells an earlier dump's culprit from a fresh one. */
	private String classAndHolder() {
		return this.className + " " + this.holder;
	}

	/**
	 * The holders of a dump whose collections kept their size since the previous dump (positive evidence that they
	 * do not grow), for deciding which earlier culprits still stand.
	 * @param paths the dump's paths
	 * @param previous the previous dump of the same recording, {@code null} when there is none
	 * @return the steady holders
	 */
	public static java.util.Set<String> steadyHolders(List<RetentionPath> paths, @Nullable PreviousDump previous) {
		java.util.Set<String> steady = new java.util.LinkedHashSet<>();
		if (previous == null) {
			return steady;
		}
		paths.stream()
			.map(RetentionPath::holder)
			.distinct()
			.filter((holder) -> Growth.of(containers(paths, holder), previous.containers(holder)).steady())
			.forEach(steady::add);
		return steady;
	}

	/** The largest size of each collection on the paths of one holder. */
	private static Map<String, Integer> containers(List<RetentionPath> paths, String holder) {
		Map<String, Integer> sizes = new LinkedHashMap<>();
		for (RetentionPath path : paths) {
			if (path.holder().equals(holder)) {
				path.containers().forEach((name, size) -> sizes.merge(name, size, Math::max));
			}
		}
		return sizes;
	}

	/**
	 * A group that holds a class beside its best one is named too when it kept at least this share of the best
	 * one's sampled memory-time (and the other conditions of {@code alsoLeaking}): several leaks of the same class (byte[] in a map, in a listener list and in
	 * thread-locals) are several culprits, while a few young samples of a class held elsewhere are not.
	 */
	static final double OTHER_HOLDER_SHARE = 0.05;

	/** Samples a group beside the best one needs at least to be named. */
	static final int MIN_OTHER_SAMPLES = 3;

	/** The share of the best group's median age that a group beside it needs at least. */
	static final double OTHER_HOLDER_AGE = 0.5;

	/** Culprits per class at most, one per holder. */
	static final int MAX_HOLDERS_PER_CLASS = 4;

	/**
	 * Names the culprits of each leak suspect that a rooted path carries, most suspicious first: the holder whose
	 * sampled objects of the class stayed alive longest, then other holders of the same class that kept at least
	 * {@value #OTHER_HOLDER_SHARE} of its sampled memory-time.
	 * @param suspects the histogram suspects, most suspicious first
	 * @param paths the ranked retention paths
	 * @param exhaustionSeconds the live set's time to the heap maximum, {@code null} when not heading there
	 * @param max culprits at most
	 * @return the culprits
	 */
	public static List<Culprit> of(List<LeakSuspect> suspects, List<RetentionPath> paths,
			@Nullable Long exhaustionSeconds, int max) {
		return of(suspects, paths, null, exhaustionSeconds, max);
	}

	/**
	 * Names the culprits as {@link #of(List, List, Long, int)} does, leaving out every holder whose collections kept
	 * their size since the previous dump of the same recording (a full cache that evicts as it adds): its samples
	 * live as long as a leak's while the recording is shorter than the cache's turnover, but it does not grow.
	 * @param suspects the histogram suspects, most suspicious first
	 * @param paths the ranked retention paths
	 * @param previous the previous dump of the same recording, {@code null} when there is none
	 * @param exhaustionSeconds the live set's time to the heap maximum, {@code null} when not heading there
	 * @param max culprits at most
	 * @return the culprits
	 */
	public static List<Culprit> of(List<LeakSuspect> suspects, List<RetentionPath> paths,
			@Nullable PreviousDump previous, @Nullable Long exhaustionSeconds, int max) {
		List<Culprit> culprits = new ArrayList<>();
		for (LeakSuspect suspect : suspects) {
			if (!suspect.suspect() || culprits.size() >= max) {
				continue;
			}
			// prefer samples of the class itself (its own allocation site), then the group whose samples stay alive
			// longest (a leak keeps its oldest samples, a churning cache only young ones), then any path through it
			String readable = RetentionAnalyzer.readable(suspect.className());
			List<RetentionPath> candidates = new ArrayList<>();
			for (RetentionPath path : paths) {
				if (path.rooted() && path.mentions(suspect.className())) {
					candidates.add(path);
				}
			}
			candidates.sort((a, b) -> better(a, b, readable) ? -1 : better(b, a, readable) ? 1 : 0);
			// a holder's groups (the same field reached by different chains or allocation stacks) count together;
			// each holder is shown by its best group
			Map<String, Holding> holdings = new LinkedHashMap<>();
			for (RetentionPath path : candidates) {
				holdings.computeIfAbsent(path.holder(), (holder) -> new Holding(path)).add(path);
			}
			Holding best = null;
			int named = 0;
			for (Holding holding : holdings.values()) {
				if (named >= MAX_HOLDERS_PER_CLASS || culprits.size() >= max) {
					break;
				}
				String growth = null;
				if (previous != null) {
					Growth compared = Growth.of(holding.containers, previous.containers(holding.shown.holder()));
					if (compared.steady()) {
						continue;
					}
					growth = compared.text(previous.dumpedAt());
				}
				if (best == null) {
					best = holding;
				}
				else if (!alsoLeaking(holding, best, readable, growth != null)) {
					continue;
				}
				named++;
				RetentionPath path = holding.shown;
				culprits.add(new Culprit(suspect.className(), suspect.displayName(), suspect.bytesPerHour(),
						suspect.instancesPerHour(), path.holder(), path.text(), path.root(), path.allocatedAt().site(),
						path.allocatedAt().frames(), holding.samples, exhaustionSeconds, lookAt(suspect, path), growth,
						null));
			}
		}
		return culprits;
	}

	/**
	 * Whether a holder beside the best one holds a leak of its own: its best group samples the class itself when the
	 * best one's does, and together its groups have at least {@value #MIN_OTHER_SAMPLES} samples, at least
	 * {@value #OTHER_HOLDER_SHARE} of the best holder's sampled memory-time and, when ages are known, a mean age at
	 * least {@value #OTHER_HOLDER_AGE} of the best holder's (the samples of a leak are as old as the recording, a
	 * churning cache or a ring keeps only young ones); or, instead of share and age, a collection on its path that grew
	 * since the previous dump (JFR keeps 256 samples, and several leaks share them unevenly).
	 */
	private static boolean alsoLeaking(Holding holding, Holding best, String readable, boolean grew) {
		if (readable.equals(holding.shown.objectType()) != readable.equals(best.shown.objectType())
				|| holding.samples < MIN_OTHER_SAMPLES) {
			return false;
		}
		if (grew) {
			// its collection grew since the previous dump: a leak of its own, however few samples JFR kept of it
			return true;
		}
		if (holding.survival < OTHER_HOLDER_SHARE * best.survival) {
			return false;
		}
		return !holding.agesKnown || !best.agesKnown
				|| holding.survival / holding.samples >= OTHER_HOLDER_AGE * (best.survival / best.samples);
	}

	/** The groups of one holder: the best shown, samples and sampled memory-time summed. */
	private static final class Holding {

		private final RetentionPath shown;

		private int samples;

		private double survival;

		private boolean agesKnown = true;

		/** The largest size of each collection on the holder's paths. */
		private final Map<String, Integer> containers = new LinkedHashMap<>();

		Holding(RetentionPath shown) {
			this.shown = shown;
		}

		void add(RetentionPath path) {
			path.containers().forEach((name, size) -> this.containers.merge(name, size, Math::max));
			this.samples += path.samples();
			this.survival += survival(path);
			this.agesKnown &= path.medianAgeMillis() >= 0;
		}

	}

	/**
	 * The collections of the previous dump of the same recording, by holder.
	 *
	 * @param dumpedAt when it was taken
	 * @param paths its paths
	 */
	public record PreviousDump(java.time.Instant dumpedAt, List<RetentionPath> paths) {

		public PreviousDump {
			paths = List.copyOf(paths);
		}

		Map<String, Integer> containers(String holder) {
			return Culprit.containers(this.paths, holder);
		}

	}

	/**
	 * How a holder's collections changed between two dumps: the one that grew most, or steady when some collection
	 * had a size in both dumps and none grew, or unknown.
	 */
	private record Growth(@Nullable String container, int before, int after, boolean steady) {

		static Growth of(Map<String, Integer> now, Map<String, Integer> before) {
			String grown = null;
			int from = 0;
			int to = 0;
			boolean compared = false;
			for (Map.Entry<String, Integer> entry : now.entrySet()) {
				Integer earlier = before.get(entry.getKey());
				if (earlier == null) {
					continue;
				}
				// an array's length that stayed the same may be its capacity: only a collection's size says steady;
				// and a collection's size is shown before an array's length
				boolean length = entry.getKey().contains(RetentionPath.LENGTH);
				compared |= !length;
				int size = entry.getValue();
				boolean shownIsLength = grown != null && grown.contains(RetentionPath.LENGTH);
				if (size > earlier && (grown == null || (shownIsLength && !length)
						|| (shownIsLength == length && size - earlier > to - from))) {
					grown = entry.getKey();
					from = earlier;
					to = size;
				}
			}
			return new Growth(grown, from, to, compared && grown == null);
		}

		@Nullable String text(java.time.Instant since) {
			if (this.container == null) {
				return null;
			}
			boolean length = this.container.contains(RetentionPath.LENGTH);
			return this.container.replace(RetentionPath.LENGTH, "") + ": " + this.before + " -> " + this.after
					+ (length ? " slots" : " entries") + " since the dump at " + since;
		}

	}

	private static boolean better(RetentionPath path, RetentionPath best, String readable) {
		// a total order, so that the choice does not depend on the order of the paths
		boolean itself = readable.equals(path.objectType());
		boolean bestItself = readable.equals(best.objectType());
		if (itself != bestItself) {
			return itself;
		}
		int bySurvival = Double.compare(survival(path), survival(best));
		if (bySurvival != 0) {
			return bySurvival > 0;
		}
		if (path.samples() != best.samples()) {
			return path.samples() > best.samples();
		}
		int byHolder = path.holder().compareTo(best.holder());
		return (byHolder != 0) ? byHolder < 0 : path.text().compareTo(best.text()) < 0;
	}

	/**
	 * Samples times their median age: how much sampled memory-time the group kept alive; a group whose age is unknown
	 * counts as one millisecond old, so it ranks by its samples below any group of known age and as many samples.
	 */
	private static double survival(RetentionPath path) {
		return (double) path.samples() * Math.max(1, path.medianAgeMillis());
	}

	static String lookAt(LeakSuspect suspect, RetentionPath path) {
		String what = suspect.displayName();
		String site = path.allocatedAt().frames().isEmpty() ? "where they are created"
				: path.allocatedAt().site();
		String holder = path.holder();
		if (holder.startsWith("static field ") || holder.startsWith("field ")) {
			return holder.substring(holder.indexOf("field ") + "field ".length()) + " keeps every " + what
					+ " created at " + site + ": remove them when done, or bound it (a size limit, eviction, weak"
					+ " references)";
		}
		if (holder.startsWith("thread-locals of thread ")) {
			return "a ThreadLocal on pooled threads keeps the " + what + " created at " + site
					+ ": remove() it in a finally block when the task ends";
		}
		if (holder.startsWith("thread stack of thread ")) {
			return "a local variable of a running method of the " + holder.substring("thread stack of ".length())
					+ " keeps the " + what + " created at " + site + ": a loop that only adds, or a task that never ends";
		}
		return holder + " keeps the " + what + " created at " + site + ": follow the path from the holder";
	}

}
