package dev.memoryaudit.histogram;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A class histogram of the Java heap, truncated to its largest entries but with totals covering every class.
 *
 * @param entries the retained entries, largest first by bytes (a defensive copy is kept)
 * @param totalInstances the number of instances of all classes, from the {@code Total} line when present
 * @param totalBytes the bytes of all classes, from the {@code Total} line when present
 * @param classCount the number of entries in the full histogram before truncation
 * @param live whether the histogram counted live objects only, which makes the JVM run a full GC first (captured
 * without {@code -all}); an {@code -all} histogram also counts unreachable objects not yet collected
 * @param capturedAt when the capture started
 * @param captureDuration how long the JVM took to produce the histogram (the stop-the-world pause plus, for a live
 * histogram, the full GC)
 */
public record ClassHistogram(List<ClassHistogramEntry> entries, long totalInstances, long totalBytes, int classCount,
		boolean live, Instant capturedAt, Duration captureDuration) {

	public ClassHistogram {
		entries = List.copyOf(entries);
		Objects.requireNonNull(capturedAt, "capturedAt");
		Objects.requireNonNull(captureDuration, "captureDuration");
		if (classCount < entries.size()) {
			throw new IllegalArgumentException(
					"classCount " + classCount + " is smaller than the number of entries " + entries.size());
		}
	}

	/**
	 * Returns the largest retained entry with the given class name; a class loaded by several class loaders has one
	 * entry per loader, see {@link #entriesByClassName()} for their sum.
	 * @param className the class name as printed by the JVM, for example {@code [B}
	 * @return the entry, or {@code null} if the class is not among the retained entries
	 */
	public @Nullable ClassHistogramEntry entry(String className) {
		for (ClassHistogramEntry entry : this.entries) {
			if (entry.className().equals(className)) {
				return entry;
			}
		}
		return null;
	}

	/**
	 * Returns the retained entries keyed by class name, summing the entries of a class loaded by several class
	 * loaders (the module of the first, largest entry is kept).
	 * @return an unmodifiable map in the order of {@link #entries()}
	 */
	public Map<String, ClassHistogramEntry> entriesByClassName() {
		Map<String, ClassHistogramEntry> byName = new LinkedHashMap<>();
		for (ClassHistogramEntry entry : this.entries) {
			byName.merge(entry.className(), entry, (a, b) -> new ClassHistogramEntry(a.className(), a.module(),
					a.instances() + b.instances(), a.bytes() + b.bytes()));
		}
		return Collections.unmodifiableMap(byName);
	}

	/**
	 * Returns whether entries were dropped when the histogram was cut to its largest entries.
	 * @return {@code true} if {@link #classCount()} exceeds the number of retained entries
	 */
	public boolean truncated() {
		return this.classCount > this.entries.size();
	}

	/**
	 * Returns the bytes of the smallest retained entry; when the histogram is {@link #truncated() truncated}, every
	 * class that is not retained held at most this many bytes.
	 * @return the bytes of the smallest retained entry, or {@code 0} if there are no entries
	 */
	public long cutoffBytes() {
		return this.entries.stream().mapToLong(ClassHistogramEntry::bytes).min().orElse(0);
	}

}
