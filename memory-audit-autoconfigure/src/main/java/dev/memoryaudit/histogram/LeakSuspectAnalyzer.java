package dev.memoryaudit.histogram;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.memoryaudit.histogram.LeakSuspect.Classification;

/**
 * Finds classes whose footprint grows across consecutive class histograms of the same JVM.
 * <p>
 * Each class is followed through the histograms that retained it (entries of a class loaded by several loaders are
 * summed; a histogram that cut the class off below its top-N is simply not a point for that class). A class needs at
 * least three points; with only two histograms in the history, classes are judged from first versus last and the
 * analysis says so. A change counts as meaningful when it reaches {@code max(minGrowthBytes,
 * minRelativeGrowth * base)}, which keeps noise in large stable classes and small absolute wobbles out:
 * <ul>
 * <li>{@code GROWING_STEADILY}: bytes rose in at least 80% of consecutive pairs, the overall growth (last minus first)
 * is meaningful and the median slope is positive;</li>
 * <li>{@code GROWING_THEN_FLAT}: a head of the series grew meaningfully in at least 80% of its pairs, and the recent
 * tail (at least a quarter of the pairs, and at least one) stayed within the threshold;</li>
 * <li>{@code STABLE}: the whole series stays within the threshold of its minimum;</li>
 * <li>{@code SHRINKING}: overall loss is meaningful and the median slope is negative;</li>
 * <li>{@code FLUCTUATING}: anything else.</li>
 * </ul>
 * Rates are Theil&ndash;Sen estimates (median of the slopes between every two points), which costs O(n&sup2;) per
 * class in the number of histograms, fine for the bounded histories this is meant for. Mixing live and {@code -all}
 * histograms adds unreachable objects to some points and therefore noise.
 */
public final class LeakSuspectAnalyzer {

	/** Default minimum absolute change that counts as meaningful: 1 MiB. */
	public static final long DEFAULT_MIN_GROWTH_BYTES = 1024 * 1024;

	/** Default minimum relative change that counts as meaningful: 10%. */
	public static final double DEFAULT_MIN_RELATIVE_GROWTH = 0.10;

	private static final double STEADY_FRACTION = 0.8;

	/**
	 * What the collector writes into unused heap so that the heap stays walkable (JDK 19+): they are counted by a
	 * histogram taken without a full collection, but no application object is one, so they are never suspects.
	 */
	static final java.util.Set<String> HEAP_FILLERS = java.util.Set.of("jdk.internal.vm.FillerObject",
			"[Ljdk.internal.vm.FillerElement;");

	private static final double MILLIS_PER_HOUR = 3_600_000.0;

	private static final Comparator<LeakSuspect> RANKING = Comparator
		.comparing(LeakSuspect::classification)
		.thenComparing(Comparator.comparingDouble(LeakSuspect::bytesPerHour).reversed())
		.thenComparing(LeakSuspect::className);

	private final long minGrowthBytes;

	private final double minRelativeGrowth;

	/**
	 * Creates an analyzer with {@link #DEFAULT_MIN_GROWTH_BYTES} and {@link #DEFAULT_MIN_RELATIVE_GROWTH}.
	 */
	public LeakSuspectAnalyzer() {
		this(DEFAULT_MIN_GROWTH_BYTES, DEFAULT_MIN_RELATIVE_GROWTH);
	}

	/**
	 * Creates an analyzer with the given noise thresholds.
	 * @param minGrowthBytes the minimum absolute change in bytes that counts as meaningful
	 * @param minRelativeGrowth the minimum change relative to the starting size that counts as meaningful
	 */
	public LeakSuspectAnalyzer(long minGrowthBytes, double minRelativeGrowth) {
		if (minGrowthBytes < 0 || minRelativeGrowth < 0) {
			throw new IllegalArgumentException("thresholds must not be negative");
		}
		this.minGrowthBytes = minGrowthBytes;
		this.minRelativeGrowth = minRelativeGrowth;
	}

	/**
	 * Analyses a history of histograms.
	 * @param history the histograms; they are ordered by {@link ClassHistogram#capturedAt()} before analysis
	 * @return every class retained by enough histograms, ranked; empty with fewer than two histograms
	 */
	public LeakSuspectAnalysis analyze(List<ClassHistogram> history) {
		List<ClassHistogram> ordered = new ArrayList<>(history);
		ordered.sort(Comparator.comparing(ClassHistogram::capturedAt));
		if (ordered.size() < 2) {
			return new LeakSuspectAnalysis(List.of(), ordered.size(), false, Duration.ZERO);
		}
		boolean firstVsLastOnly = ordered.size() == 2;
		int minPoints = firstVsLastOnly ? 2 : 3;
		Map<String, List<Point>> series = new LinkedHashMap<>();
		for (ClassHistogram histogram : ordered) {
			long millis = histogram.capturedAt().toEpochMilli();
			histogram.entriesByClassName()
				.forEach((name, entry) -> series.computeIfAbsent(name, (key) -> new ArrayList<>())
					.add(new Point(millis, entry.bytes(), entry.instances())));
		}
		List<LeakSuspect> classes = new ArrayList<>();
		series.forEach((name, points) -> {
			if (points.size() >= minPoints && !HEAP_FILLERS.contains(name)) {
				classes.add(analyze(name, points));
			}
		});
		classes.sort(RANKING);
		Duration span = Duration.between(ordered.get(0).capturedAt(), ordered.get(ordered.size() - 1).capturedAt());
		return new LeakSuspectAnalysis(classes, ordered.size(), firstVsLastOnly, span);
	}

	private LeakSuspect analyze(String className, List<Point> points) {
		long[] bytes = points.stream().mapToLong(Point::bytes).toArray();
		int increases = increases(bytes, 0, bytes.length - 1);
		double bytesPerHour = medianSlope(points, true);
		return new LeakSuspect(className, ClassHistogramEntry.displayName(className),
				classify(bytes, increases, bytesPerHour), bytes[0], bytes[bytes.length - 1], bytesPerHour,
				medianSlope(points, false), points.size(), increases);
	}

	private Classification classify(long[] bytes, int increases, double slope) {
		int last = bytes.length - 1;
		long first = bytes[0];
		long net = bytes[last] - first;
		if (bytes.length == 2) {
			return (net >= threshold(first)) ? Classification.GREW
					: (-net >= threshold(first)) ? Classification.SHRINKING : Classification.STABLE;
		}
		if (net >= threshold(first) && steady(increases, last) && slope > 0) {
			return Classification.GROWING_STEADILY;
		}
		if (grewThenFlat(bytes)) {
			return Classification.GROWING_THEN_FLAT;
		}
		long min = Arrays.stream(bytes).min().orElse(0);
		long max = Arrays.stream(bytes).max().orElse(0);
		if (max - min < threshold(min)) {
			return Classification.STABLE;
		}
		if (-net >= threshold(first) && slope < 0) {
			return Classification.SHRINKING;
		}
		return Classification.FLUCTUATING;
	}

	private boolean grewThenFlat(long[] bytes) {
		int pairs = bytes.length - 1;
		int minTailPairs = Math.max(1, (pairs + 2) / 4);
		for (int split = 1; split <= pairs - minTailPairs; split++) {
			boolean headGrew = bytes[split] - bytes[0] >= threshold(bytes[0])
					&& steady(increases(bytes, 0, split), split);
			if (headGrew && range(bytes, split, pairs) < threshold(bytes[split])) {
				return true;
			}
		}
		return false;
	}

	private long threshold(long base) {
		return Math.max(this.minGrowthBytes, (long) (this.minRelativeGrowth * base));
	}

	private static boolean steady(int increases, int pairs) {
		return increases >= Math.ceil(STEADY_FRACTION * pairs);
	}

	private static int increases(long[] values, int from, int to) {
		int increases = 0;
		for (int i = from; i < to; i++) {
			if (values[i + 1] > values[i]) {
				increases++;
			}
		}
		return increases;
	}

	private static long range(long[] values, int from, int to) {
		long min = Long.MAX_VALUE;
		long max = Long.MIN_VALUE;
		for (int i = from; i <= to; i++) {
			min = Math.min(min, values[i]);
			max = Math.max(max, values[i]);
		}
		return max - min;
	}

	private static double medianSlope(List<Point> points, boolean bytes) {
		List<Double> slopes = new ArrayList<>();
		for (int i = 0; i < points.size(); i++) {
			for (int j = i + 1; j < points.size(); j++) {
				Point a = points.get(i);
				Point b = points.get(j);
				if (b.millis() != a.millis()) {
					double delta = bytes ? b.bytes() - a.bytes() : b.instances() - a.instances();
					slopes.add(delta * MILLIS_PER_HOUR / (b.millis() - a.millis()));
				}
			}
		}
		if (slopes.isEmpty()) {
			return 0;
		}
		slopes.sort(null);
		int middle = slopes.size() / 2;
		return (slopes.size() % 2 == 1) ? slopes.get(middle) : (slopes.get(middle - 1) + slopes.get(middle)) / 2;
	}

	private record Point(long millis, long bytes, long instances) {

	}

}
