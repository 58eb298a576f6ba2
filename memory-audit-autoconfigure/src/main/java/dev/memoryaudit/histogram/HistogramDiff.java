package dev.memoryaudit.histogram;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.memoryaudit.histogram.ClassDelta.Status;

/**
 * The difference between two class histograms of the same JVM: totals and the classes that changed most.
 * <p>
 * Classes loaded by several class loaders are compared by name with their entries summed. Because a
 * {@link ClassHistogram} keeps only its largest entries, a class missing from one side is not necessarily new or gone:
 * <ul>
 * <li>If the histogram it is missing from is complete (not {@link ClassHistogram#truncated() truncated}), the class
 * really had no instances there: {@link Status#NEW} or {@link Status#VANISHED}.</li>
 * <li>If that histogram is truncated, the class was merely below its cut-off and held between {@code 0} and
 * {@link ClassHistogram#cutoffBytes()} bytes: {@link Status#ENTERED_TOP} or {@link Status#LEFT_TOP}. The missing
 * side is reported as {@code 0}, so its delta may be overstated by up to that cut-off. Exceeding the cut-off proves
 * growth of at least {@code bytes - cutoff} but does not prove the class is new, so such classes are never counted
 * as new or vanished.</li>
 * </ul>
 * Comparing a live histogram with an {@code -all} one mixes in unreachable objects; {@link #modesDiffer()} flags it.
 *
 * @param elapsed time between the two captures
 * @param instancesDelta change in the total instance count (from the {@code Total} lines, so exact)
 * @param bytesDelta change in total bytes (from the {@code Total} lines, so exact)
 * @param deltas the classes with the largest byte growth first, at most the requested limit
 * @param newClasses the {@link Status#NEW} classes, largest first, at most the requested limit
 * @param newClassCount the number of {@link Status#NEW} classes
 * @param vanishedClasses the {@link Status#VANISHED} classes, largest first, at most the requested limit
 * @param vanishedClassCount the number of {@link Status#VANISHED} classes
 * @param modesDiffer whether one histogram was live and the other was not
 */
public record HistogramDiff(Duration elapsed, long instancesDelta, long bytesDelta, List<ClassDelta> deltas,
		List<String> newClasses, int newClassCount, List<String> vanishedClasses, int vanishedClassCount,
		boolean modesDiffer) {

	private static final Comparator<ClassDelta> LARGEST_GROWTH_FIRST = Comparator
		.comparingLong(ClassDelta::bytesDelta)
		.reversed()
		.thenComparing(ClassDelta::className);

	public HistogramDiff {
		Objects.requireNonNull(elapsed, "elapsed");
		deltas = List.copyOf(deltas);
		newClasses = List.copyOf(newClasses);
		vanishedClasses = List.copyOf(vanishedClasses);
	}

	/**
	 * Compares two histograms.
	 * @param from the earlier histogram
	 * @param to the later histogram
	 * @param limit the maximum number of class deltas, and of new and of vanished class names, to keep
	 * @return the difference
	 */
	public static HistogramDiff between(ClassHistogram from, ClassHistogram to, int limit) {
		if (limit < 0) {
			throw new IllegalArgumentException("limit must not be negative, got " + limit);
		}
		Map<String, ClassHistogramEntry> fromEntries = from.entriesByClassName();
		Map<String, ClassHistogramEntry> toEntries = to.entriesByClassName();
		Set<String> classNames = new LinkedHashSet<>(fromEntries.keySet());
		classNames.addAll(toEntries.keySet());
		List<ClassDelta> deltas = new ArrayList<>(classNames.size());
		for (String className : classNames) {
			deltas.add(delta(className, fromEntries.get(className), from, toEntries.get(className), to));
		}
		deltas.sort(LARGEST_GROWTH_FIRST);
		List<String> newClasses = namesWithStatus(deltas, Status.NEW, Comparator.comparingLong(ClassDelta::toBytes));
		List<String> vanished = namesWithStatus(deltas, Status.VANISHED,
				Comparator.comparingLong(ClassDelta::fromBytes));
		return new HistogramDiff(Duration.between(from.capturedAt(), to.capturedAt()),
				to.totalInstances() - from.totalInstances(), to.totalBytes() - from.totalBytes(),
				deltas.subList(0, Math.min(limit, deltas.size())), newClasses.subList(0, Math.min(limit, newClasses.size())),
				newClasses.size(), vanished.subList(0, Math.min(limit, vanished.size())), vanished.size(),
				from.live() != to.live());
	}

	private static ClassDelta delta(String className, @Nullable ClassHistogramEntry fromEntry, ClassHistogram from,
			@Nullable ClassHistogramEntry toEntry, ClassHistogram to) {
		if (fromEntry == null && toEntry != null) {
			Status status = from.truncated() ? Status.ENTERED_TOP : Status.NEW;
			return ClassDelta.of(className, 0, toEntry.instances(), 0, toEntry.bytes(), status);
		}
		if (toEntry == null && fromEntry != null) {
			Status status = to.truncated() ? Status.LEFT_TOP : Status.VANISHED;
			return ClassDelta.of(className, fromEntry.instances(), 0, fromEntry.bytes(), 0, status);
		}
		if (fromEntry == null || toEntry == null) {
			throw new IllegalStateException(className + " is in neither histogram");
		}
		boolean unchanged = fromEntry.instances() == toEntry.instances() && fromEntry.bytes() == toEntry.bytes();
		return ClassDelta.of(className, fromEntry.instances(), toEntry.instances(), fromEntry.bytes(), toEntry.bytes(),
				unchanged ? Status.UNCHANGED : Status.CHANGED);
	}

	private static List<String> namesWithStatus(List<ClassDelta> deltas, Status status, Comparator<ClassDelta> size) {
		return deltas.stream()
			.filter((delta) -> delta.status() == status)
			.sorted(size.reversed().thenComparing(ClassDelta::className))
			.map(ClassDelta::className)
			.toList();
	}

}
