package dev.memoryaudit.retention;

import java.util.ArrayList;
import java.util.List;

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
 * @param samples old-object samples behind this group
 * @param exhaustionSeconds seconds until the live set reaches the heap maximum at its growth, {@code null} when not
 * heading there
 * @param lookAt one line: what to look at first
 */
public record Culprit(String className, String displayName, double bytesPerHour, double instancesPerHour,
		String holder, String path, String root, String allocatedAt, List<String> allocationFrames, int samples,
		@Nullable Long exhaustionSeconds, String lookAt) {

	public Culprit {
		allocationFrames = List.copyOf(allocationFrames);
	}

	/**
	 * A group that holds a class beside its best one is named too when it kept at least this share of the best
	 * one's sampled memory-time (and the other conditions of {@code alsoLeaking}): several leaks of the same class (byte[] in a map, in a listener list and in
	 * thread-locals) are several culprits, while a few young samples of a class held elsewhere are not.
	 */
	static final double OTHER_HOLDER_SHARE = 0.2;

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
		return of(suspects, paths, exhaustionSeconds, max, -1);
	}

	/**
	 * Names the culprits as {@link #of(List, List, Long, int)} does, leaving out groups whose samples are younger
	 * than a minimum: when the recording started after the leak was suspected, a leak's samples are on average
	 * half as old as the sampling, while a bounded ring or a fast-churning cache holds only samples seconds old.
	 * @param suspects the histogram suspects, most suspicious first
	 * @param paths the ranked retention paths
	 * @param exhaustionSeconds the live set's time to the heap maximum, {@code null} when not heading there
	 * @param max culprits at most
	 * @param minMedianAgeMillis the median age a group needs at least, or a negative value for no minimum; groups
	 * of unknown age are kept
	 * @return the culprits
	 */
	public static List<Culprit> of(List<LeakSuspect> suspects, List<RetentionPath> paths,
			@Nullable Long exhaustionSeconds, int max, long minMedianAgeMillis) {
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
				boolean young = minMedianAgeMillis >= 0 && path.medianAgeMillis() >= 0
						&& path.medianAgeMillis() < minMedianAgeMillis;
				if (path.rooted() && path.mentions(suspect.className()) && !young) {
					candidates.add(path);
				}
			}
			candidates.sort((a, b) -> better(a, b, readable) ? -1 : better(b, a, readable) ? 1 : 0);
			List<String> holders = new ArrayList<>();
			for (RetentionPath path : candidates) {
				if (holders.size() >= MAX_HOLDERS_PER_CLASS || culprits.size() >= max) {
					break;
				}
				if (holders.contains(path.holder())) {
					continue;
				}
				if (path != candidates.get(0) && !alsoLeaking(path, candidates.get(0), readable)) {
					continue;
				}
				holders.add(path.holder());
				culprits.add(new Culprit(suspect.className(), suspect.displayName(), suspect.bytesPerHour(),
						suspect.instancesPerHour(), path.holder(), path.text(), path.root(), path.allocatedAt().site(),
						path.allocatedAt().frames(), path.samples(), exhaustionSeconds, lookAt(suspect, path)));
			}
		}
		return culprits;
	}

	/**
	 * Whether a group beside the best one is a leak of its own: samples of the class itself when the best one's are,
	 * at least {@value #MIN_OTHER_SAMPLES} of them, at least {@value #OTHER_HOLDER_SHARE} of the best one's sampled
	 * memory-time and, when ages are known, a median age at least {@value #OTHER_HOLDER_AGE} of the best one's (the
	 * samples of a leak are as old as the recording, a churning cache keeps only young ones).
	 */
	private static boolean alsoLeaking(RetentionPath path, RetentionPath best, String readable) {
		if (readable.equals(path.objectType()) != readable.equals(best.objectType())
				|| path.samples() < MIN_OTHER_SAMPLES || survival(path) < OTHER_HOLDER_SHARE * survival(best)) {
			return false;
		}
		return path.medianAgeMillis() < 0 || best.medianAgeMillis() < 0
				|| path.medianAgeMillis() >= OTHER_HOLDER_AGE * best.medianAgeMillis();
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
