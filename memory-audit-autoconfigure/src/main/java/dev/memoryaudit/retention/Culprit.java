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
	 * Names the culprit of each leak suspect that a rooted path carries, most suspicious first.
	 * @param suspects the histogram suspects, most suspicious first
	 * @param paths the ranked retention paths
	 * @param exhaustionSeconds the live set's time to the heap maximum, {@code null} when not heading there
	 * @param max culprits at most
	 * @return the culprits
	 */
	public static List<Culprit> of(List<LeakSuspect> suspects, List<RetentionPath> paths,
			@Nullable Long exhaustionSeconds, int max) {
		List<Culprit> culprits = new ArrayList<>();
		for (LeakSuspect suspect : suspects) {
			if (!suspect.suspect() || culprits.size() >= max) {
				continue;
			}
			// prefer samples of the class itself (its own allocation site), then the group whose samples stay alive
			// longest (a leak keeps its oldest samples, a churning cache only young ones), then any path through it
			String readable = RetentionAnalyzer.readable(suspect.className());
			RetentionPath best = null;
			for (RetentionPath path : paths) {
				if (path.rooted() && path.mentions(suspect.className())
						&& (best == null || better(path, best, readable))) {
					best = path;
				}
			}
			if (best != null) {
				culprits.add(new Culprit(suspect.className(), suspect.displayName(), suspect.bytesPerHour(),
						suspect.instancesPerHour(), best.holder(), best.text(), best.root(), best.allocatedAt().site(),
						best.allocatedAt().frames(), best.samples(), exhaustionSeconds, lookAt(suspect, best)));
			}
		}
		return culprits;
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
		return path.samples() > best.samples();
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
