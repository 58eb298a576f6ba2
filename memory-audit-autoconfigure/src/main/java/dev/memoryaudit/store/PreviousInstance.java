package dev.memoryaudit.store;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import dev.memoryaudit.container.ContainerBreakdown;
import dev.memoryaudit.container.ContainerMemorySampler;
import dev.memoryaudit.snapshot.Snapshot;
import dev.memoryaudit.trend.TrendAnalyzer;
import dev.memoryaudit.trend.Units;
import org.jspecify.annotations.Nullable;

/**
 * How the previous instance of this application (the JVM whose snapshots precede this one's in the persisted
 * history) ended, read from its last snapshots, its stop marker and the cgroup's OOM-kill count:
 * <ul>
 * <li>{@link Cause#CLEAN}: it wrote a stop marker (the application context closed: SIGTERM, a normal exit);</li>
 * <li>{@link Cause#CONTAINER_LIMIT}: no marker, and the kernel's OOM killer killed a process in the cgroup since its
 * last snapshot, or that snapshot had the working set at 90 % of the limit or more;</li>
 * <li>{@link Cause#HEAP_EXHAUSTED}: no marker, and the heap was full at its last snapshot (the live set, the after-GC
 * floor, at 85 % of the maximum or more, or heap used at 95 % or more): an {@code OutOfMemoryError} most likely ended
 * or hung it (the sample app at 96 MiB died of one with its last snapshot at 87 of 96 MiB live: a collector needs room
 * for its young generation, and the last minutes before the error can take no snapshot);</li>
 * <li>{@link Cause#VANISHED}: no marker and none of the above (killed from outside, a crash, the host went down).</li>
 * </ul>
 * With it, what grew in its last hour: the parts of the container usage when the cgroup was read, otherwise the JVM's
 * own series.
 *
 * @param cause how it ended
 * @param jvmStartMillis when its JVM started
 * @param lastSnapshotAt its last snapshot
 * @param restartedAt the first snapshot of this instance, {@code null} before the first
 * @param workingSetBytes the container working set at its last snapshot, {@code null} without a cgroup
 * @param limitBytes the container limit then, {@code null} without one
 * @param oomKillsBefore the cgroup's OOM-kill count at its last snapshot
 * @param oomKillsAfter the count at this instance's first snapshot
 * @param heapUsedBytes heap used at its last snapshot
 * @param heapMaxBytes the heap maximum
 * @param grewInLastHour what grew most in its last hour, largest first (name and bytes)
 * @param summary one sentence for people
 */
public record PreviousInstance(Cause cause, long jvmStartMillis, Instant lastSnapshotAt, @Nullable Instant restartedAt,
		@Nullable Long workingSetBytes, @Nullable Long limitBytes, @Nullable Long oomKillsBefore,
		@Nullable Long oomKillsAfter, long heapUsedBytes, long heapMaxBytes, Map<String, Long> grewInLastHour,
		String summary) {

	/** Working set at this share of the limit or more: the previous instance was at its container limit. */
	static final double NEAR_LIMIT = 0.9;

	/** Heap used at this share of the heap maximum or more: the heap was full. */
	static final double HEAP_FULL = 0.95;

	/** The live set (after-GC floor) at this share of the heap maximum or more: the heap was full. */
	static final double LIVE_SET_FULL = 0.85;

	public PreviousInstance {
		grewInLastHour = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(grewInLastHour));
	}

	/**
	 * How an instance ended; the metric tag {@code cause} is the lower-case name with dashes.
	 */
	public enum Cause {

		/** It stopped cleanly. */
		CLEAN,

		/** The kernel killed it at its container's memory limit. */
		CONTAINER_LIMIT,

		/** Its heap was full: an OutOfMemoryError most likely ended it. */
		HEAP_EXHAUSTED,

		/** It ended without a stop marker, for no reason its snapshots show. */
		VANISHED;

		/**
		 * The tag value.
		 * @return e.g. {@code container-limit}
		 */
		public String tag() {
			return name().toLowerCase(Locale.ROOT).replace('_', '-');
		}

	}

	/**
	 * Reads the previous instance out of the history.
	 * @param history the engine's snapshots, oldest first (restored ones first)
	 * @param cleanStops JVM start times with a stop marker
	 * @param thisJvmStartMillis the start time of the running JVM, whose snapshots are not the previous instance's
	 * @return the previous instance, {@code null} when the history holds no earlier JVM
	 */
	public static @Nullable PreviousInstance of(List<Snapshot> history, Set<Long> cleanStops,
			long thisJvmStartMillis) {
		List<Snapshot> current = currentInstance(history, thisJvmStartMillis);
		List<Snapshot> earlier = history.subList(0, history.size() - current.size());
		if (earlier.isEmpty()) {
			return null;
		}
		List<Snapshot> previous = TrendAnalyzer.currentSegment(earlier);
		Snapshot last = previous.get(previous.size() - 1);
		Snapshot first = current.isEmpty() ? null : current.get(0);
		Long workingSet = last.extraSeries().get(ContainerMemorySampler.WORKING_SET);
		Long limit = last.extraSeries().get(ContainerMemorySampler.LIMIT);
		Long killsBefore = last.extraSeries().get(ContainerMemorySampler.OOM_KILLS);
		Long killsAfter = (first != null) ? first.extraSeries().get(ContainerMemorySampler.OOM_KILLS) : null;
		boolean killed = killsBefore != null && killsAfter != null && killsAfter > killsBefore;
		boolean nearLimit = workingSet != null && limit != null && limit > 0 && workingSet >= NEAR_LIMIT * limit;
		long heapMax = last.heap().max();
		long heapUsed = last.heap().used();
		Long liveSet = lastLiveSet(previous);
		boolean heapFull = heapMax > 0
				&& ((liveSet != null && liveSet >= LIVE_SET_FULL * heapMax) || heapUsed >= HEAP_FULL * heapMax);
		Cause cause;
		if (cleanStops.contains(last.jvmStartMillis())) {
			cause = Cause.CLEAN;
		}
		else if (killed || nearLimit) {
			cause = Cause.CONTAINER_LIMIT;
		}
		else if (heapFull) {
			cause = Cause.HEAP_EXHAUSTED;
		}
		else {
			cause = Cause.VANISHED;
		}
		Map<String, Long> grew = grewInLastHour(previous);
		String summary = summary(cause, last, first, workingSet, limit, killsBefore, killsAfter, killed, heapUsed,
				heapMax, liveSet, grew);
		return new PreviousInstance(cause, last.jvmStartMillis(), last.time(), (first != null) ? first.time() : null,
				workingSet, limit, killsBefore, killsAfter, heapUsed, heapMax, grew, summary);
	}

	/**
	 * The snapshots of the running JVM: the last segment, when it belongs to this JVM; none when the history ends
	 * with an earlier JVM's snapshots (before this one's first snapshot).
	 */
	private static List<Snapshot> currentInstance(List<Snapshot> history, long thisJvm) {
		List<Snapshot> segment = TrendAnalyzer.currentSegment(history);
		if (!segment.isEmpty() && Math.abs(segment.get(0).jvmStartMillis() - thisJvm) > 1_000
				&& segment.get(0).jvmStartMillis() != 0) {
			return List.of();
		}
		return segment;
	}

	private static @Nullable Long lastLiveSet(List<Snapshot> segment) {
		for (int i = segment.size() - 1; i >= Math.max(0, segment.size() - 5); i--) {
			Long live = segment.get(i).liveSetBytes();
			if (live != null) {
				return live;
			}
		}
		return null;
	}

	/**
	 * The three figures that grew most between the first and the last snapshot of the segment's last hour: the
	 * container parts where the cgroup was read, otherwise live set, heap committed, non-heap committed, direct
	 * buffers and RSS (threads are counted, not sized, and are named separately).
	 */
	static Map<String, Long> grewInLastHour(List<Snapshot> segment) {
		Snapshot last = segment.get(segment.size() - 1);
		Instant from = last.time().minus(Duration.ofHours(1));
		Snapshot start = segment.stream().filter((s) -> !s.time().isBefore(from)).findFirst().orElse(last);
		Map<String, Long> deltas = new LinkedHashMap<>();
		ContainerBreakdown before = ContainerBreakdown.of(start);
		ContainerBreakdown after = ContainerBreakdown.of(last);
		if (before != null && after != null) {
			for (ContainerBreakdown.Part part : after.parts()) {
				Long was = before.bytes(part.name());
				if (was != null) {
					deltas.put(part.name(), part.bytes() - was);
				}
			}
		}
		else {
			List<Map.Entry<String, Function<Snapshot, Long>>> figures = List.of(
					Map.entry("live-set", (s) -> s.liveSetBytes()), Map.entry("heap", (s) -> s.heap().committed()),
					Map.entry("non-heap", Snapshot::nonHeapCommitted),
					Map.entry("direct-buffers", Snapshot::directBufferBytes), Map.entry("rss", Snapshot::rssBytes));
			for (Map.Entry<String, Function<Snapshot, Long>> figure : figures) {
				Long was = figure.getValue().apply(start);
				Long is = figure.getValue().apply(last);
				if (was != null && is != null) {
					deltas.put(figure.getKey(), is - was);
				}
			}
		}
		Map<String, Long> grew = new LinkedHashMap<>();
		deltas.entrySet()
			.stream()
			.filter((e) -> e.getValue() > 0)
			.sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
			.limit(3)
			.forEach((e) -> grew.put(e.getKey(), e.getValue()));
		int threads = last.threads().live() - start.threads().live();
		if (threads > 0) {
			grew.put("threads (count)", (long) threads);
		}
		return grew;
	}

	private static String summary(Cause cause, Snapshot last, @Nullable Snapshot first, @Nullable Long workingSet,
			@Nullable Long limit, @Nullable Long killsBefore, @Nullable Long killsAfter, boolean killed,
			long heapUsed, long heapMax, @Nullable Long liveSet, Map<String, Long> grew) {
		StringBuilder out = new StringBuilder("the instance started at ")
			.append(Instant.ofEpochMilli(last.jvmStartMillis()))
			.append(", last seen at ")
			.append(last.time())
			.append(", ");
		switch (cause) {
			case CLEAN -> out.append("stopped cleanly");
			case CONTAINER_LIMIT -> {
				out.append(killed ? "was killed by the kernel's OOM killer" : "vanished");
				if (workingSet != null && limit != null) {
					out.append(String.format(Locale.ROOT, " at its container limit (working set %s of %s, %.0f%%)",
							Units.bytes(workingSet), Units.bytes(limit), 100.0 * workingSet / limit));
				}
				else {
					out.append(" at its container limit");
				}
				if (killed) {
					out.append("; the cgroup's oom_kill count went from ").append(killsBefore).append(" to ")
						.append(killsAfter);
				}
			}
			case HEAP_EXHAUSTED -> out.append(String.format(Locale.ROOT, "vanished with its heap full (%s used of %s%s): "
					+ "an OutOfMemoryError most likely ended it", Units.bytes(heapUsed), Units.bytes(heapMax),
					(liveSet != null) ? ", live set " + Units.bytes(liveSet) : ""));
			case VANISHED -> out.append("ended without a clean stop (killed from outside, a crash, or the host went "
					+ "down); its snapshots show no memory limit reached");
		}
		if (first != null) {
			out.append("; down for ").append(Units.duration(Duration.between(last.time(), first.time())));
		}
		if (!grew.isEmpty() && cause != Cause.CLEAN) {
			List<String> parts = new ArrayList<>();
			grew.forEach((name, value) -> parts.add(name.endsWith("(count)") ? name.replace(" (count)", "") + " +"
					+ value : name + " +" + Units.bytes(value)));
			out.append("; in its last hour: ").append(String.join(", ", parts));
		}
		return out.toString();
	}

	/**
	 * The JSON body.
	 * @return the fields
	 */
	public Map<String, Object> body() {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("cause", this.cause.tag());
		body.put("summary", this.summary);
		body.put("jvmStartedAt", Instant.ofEpochMilli(this.jvmStartMillis).toString());
		body.put("lastSnapshotAt", this.lastSnapshotAt.toString());
		body.put("restartedAt", (this.restartedAt != null) ? this.restartedAt.toString() : null);
		body.put("workingSetBytes", this.workingSetBytes);
		body.put("limitBytes", this.limitBytes);
		body.put("oomKillsBefore", this.oomKillsBefore);
		body.put("oomKillsAfter", this.oomKillsAfter);
		body.put("heapUsedBytes", this.heapUsedBytes);
		body.put("heapMaxBytes", this.heapMaxBytes);
		body.put("grewInLastHour", this.grewInLastHour);
		return body;
	}

}
