package dev.memoryaudit.retention;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One way sampled objects are kept alive: the chain from the object's type to the GC root, and how many samples
 * followed it.
 *
 * @param objectType the readable type of the sampled object
 * @param chain the steps from the sampled object to the outermost holder, the object first (e.g. {@code byte[]},
 * {@code OrderListener.state}, {@code Object[] element}, {@code CopyOnWriteArrayList.array},
 * {@code static Listeners.LISTENERS})
 * @param holder who holds it, for people: the static field nearest the object, named with its declaring class, or
 * the thread whose thread-locals hold it, whichever comes first from the object; failing both, the root
 * @param root the GC root kind, such as {@code thread stack of thread main}, {@code class loader data}, {@code JNI
 * global}, or {@link #NO_ROOT}
 * @param samples how many samples followed this path
 * @param suspectClasses growing classes from the histogram history that appear on this path, most suspicious first
 * @param suspectRank rank of the best suspect on the path (0 = top suspect), or {@code -1} when none
 * @param allocatedAt where the samples of this group were allocated (its first application frame)
 * @param medianAgeMillis the median age of the group's sampled objects when the dump was taken, or -1 when unknown:
 * a leak keeps samples as old as the recording, a churning cache only young ones
 * @param classes every class on the path (JVM names such as {@code [B}), the object's first: culprits are named
 * against the suspects of the moment, which may include classes that were not suspects yet when the dump was taken
 * @param containers the collections on the path whose size JFR wrote at the dump (objects with an {@code int size}
 * field: {@code ArrayList}, {@code HashMap}, {@code LinkedList}, {@code ThreadLocalMap}...), object side first, each
 * named by its class and the step that holds it ({@code ArrayList in static com.example.Bus.LISTENERS}): two dumps
 * of one recording tell a holder that grows from one that stays the same size (a full cache); arrays on the path
 * are there too, by their length and marked {@link #LENGTH}
 */
public record RetentionPath(String objectType, List<String> chain, String holder, String root, int samples,
		List<String> suspectClasses, int suspectRank, AllocationSite allocatedAt, long medianAgeMillis,
		List<String> classes, Map<String, Integer> containers) {

	/**
	 * The root of a sample whose path JFR did not find: the object became unreachable since the last GC (samples of
	 * dead objects leave the sampler only at the next GC), or the search hit the cutoff.
	 */
	/**
	 * Marks a container that is an array, sized by its length ({@code Object[] (length) in
	 * CopyOnWriteArrayList.array}): a longer array means the holder grew, but the same length says nothing (a hash
	 * table or a list's backing array keeps its capacity while its entries grow).
	 */
	public static final String LENGTH = " (length)";

	public static final String NO_ROOT = "none found (unreachable since the last GC, or the cutoff stopped the search)";

	public RetentionPath {
		Objects.requireNonNull(objectType, "objectType");
		chain = List.copyOf(chain);
		Objects.requireNonNull(holder, "holder");
		Objects.requireNonNull(root, "root");
		suspectClasses = List.copyOf(suspectClasses);
		Objects.requireNonNull(allocatedAt, "allocatedAt");
		classes = List.copyOf(classes);
		containers = Collections.unmodifiableMap(new LinkedHashMap<>(containers));
	}

	/**
	 * A path with no sized container.
	 */
	public RetentionPath(String objectType, List<String> chain, String holder, String root, int samples,
			List<String> suspectClasses, int suspectRank, AllocationSite allocatedAt, long medianAgeMillis,
			List<String> classes) {
		this(objectType, chain, holder, root, samples, suspectClasses, suspectRank, allocatedAt, medianAgeMillis,
				classes, Map.of());
	}

	/**
	 * A path whose classes are its suspect classes.
	 */
	public RetentionPath(String objectType, List<String> chain, String holder, String root, int samples,
			List<String> suspectClasses, int suspectRank, AllocationSite allocatedAt, long medianAgeMillis) {
		this(objectType, chain, holder, root, samples, suspectClasses, suspectRank, allocatedAt, medianAgeMillis,
				suspectClasses);
	}

	/**
	 * A path whose classes are its suspect classes, of unknown age.
	 */
	public RetentionPath(String objectType, List<String> chain, String holder, String root, int samples,
			List<String> suspectClasses, int suspectRank, AllocationSite allocatedAt) {
		this(objectType, chain, holder, root, samples, suspectClasses, suspectRank, allocatedAt, -1);
	}

	/**
	 * The chain on one line, object first: {@code byte[] <- OrderListener.state <- ... <- static X.LISTENERS}.
	 * @return the rendered chain
	 */
	public String text() {
		return String.join(" <- ", this.chain);
	}

	/**
	 * Returns whether JFR found a GC root for this path; paths without one say nothing about who retains.
	 * @return whether rooted
	 */
	public boolean rooted() {
		return !NO_ROOT.equals(this.root);
	}

	/**
	 * Returns whether the path names the given class (JVM name such as {@code [B}) anywhere on its chain.
	 * @param className the class
	 * @return whether it is on the path
	 */
	public boolean mentions(@Nullable String className) {
		return className != null && (this.classes.contains(className) || this.suspectClasses.contains(className));
	}

}
