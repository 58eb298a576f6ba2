package dev.memoryaudit.trend;

import java.util.List;
import java.util.function.ToDoubleFunction;

import dev.memoryaudit.snapshot.Snapshot;

/**
 * How to read one trend series out of snapshots.
 *
 * @param name the series name
 * @param unit the unit of its values
 * @param value reads the value from a snapshot, {@code NaN} when the snapshot has none
 * @param ceiling reads the ceiling from a snapshot, {@code NaN} when there is none
 * @param minimumGrowth growth over the window below which the series reads STABLE
 * @param maxVerdict the most alarming verdict the series can give on its own; informational series (RSS, which also
 * follows the heap being committed, and native-unaccounted, RSS minus committed memory) stop at GROWING
 */
public record SeriesDefinition(String name, String unit, ToDoubleFunction<Snapshot> value,
		ToDoubleFunction<Snapshot> ceiling, double minimumGrowth, Verdict maxVerdict) {

	public SeriesDefinition(String name, String unit, ToDoubleFunction<Snapshot> value,
			ToDoubleFunction<Snapshot> ceiling, double minimumGrowth) {
		this(name, unit, value, ceiling, minimumGrowth, Verdict.LEAK_SUSPECTED);
	}

	/**
	 * The live-set series, the primary one.
	 */
	public static final String LIVE_SET = "live-set";

	private static final double MIB = 1024 * 1024;

	/**
	 * The series every snapshot carries: live set (primary), RSS (informational: it also grows while the JVM commits
	 * heap), native memory the JVM does not account for (RSS minus heap, non-heap and buffers committed), non-heap
	 * committed, direct buffers, threads, loaded classes and open file descriptors.
	 * @return the standard definitions
	 */
	public static List<SeriesDefinition> standard() {
		return List.of(
				new SeriesDefinition(LIVE_SET, "bytes", (s) -> orNaN(s.liveSetBytes()),
						(s) -> (s.heap().max() > 0) ? s.heap().max() : Double.NaN, MIB),
				new SeriesDefinition("rss", "bytes", (s) -> orNaN(s.rssBytes()), (s) -> Double.NaN, 16 * MIB,
						Verdict.GROWING),
				// RSS minus committed memory moves without a native leak when a full collection uncommits heap
				// regions before the kernel takes the pages back, or malloc arenas grow: informational, like RSS.
				new SeriesDefinition("native-unaccounted", "bytes", SeriesDefinition::nativeUnaccounted,
						(s) -> Double.NaN, 32 * MIB, Verdict.GROWING),
				new SeriesDefinition("non-heap-committed", "bytes", (s) -> s.nonHeapCommitted(), (s) -> Double.NaN,
						8 * MIB),
				new SeriesDefinition("direct-buffers", "bytes", (s) -> s.directBufferBytes(), (s) -> Double.NaN,
						4 * MIB),
				new SeriesDefinition("threads", "threads", (s) -> s.threads().live(), (s) -> Double.NaN, 5),
				new SeriesDefinition("loaded-classes", "classes", (s) -> s.loadedClasses(), (s) -> Double.NaN, 500),
				new SeriesDefinition("open-fds", "fds", (s) -> orNaN(s.openFds()), (s) -> orNaN(s.maxFds()), 10));
	}

	/**
	 * A definition for a series contributed through {@link Snapshot#extraSeries()}.
	 * @param name the key in the extra series
	 * @param unit the unit
	 * @param minimumGrowth growth below which the series reads STABLE
	 * @return the definition
	 */
	public static SeriesDefinition extra(String name, String unit, double minimumGrowth) {
		return new SeriesDefinition(name, unit, (s) -> orNaN(s.extraSeries().get(name)), (s) -> Double.NaN,
				minimumGrowth);
	}

	/**
	 * RSS minus what the JVM accounts for: heap committed, non-heap committed, direct and mapped buffers.
	 * @param snapshot the snapshot
	 * @return bytes, {@code NaN} without RSS
	 */
	public static double nativeUnaccounted(Snapshot snapshot) {
		Long rss = snapshot.rssBytes();
		if (rss == null) {
			return Double.NaN;
		}
		return rss - snapshot.heap().committed() - snapshot.nonHeapCommitted() - snapshot.directBufferBytes()
				- snapshot.mappedBufferBytes();
	}

	static double orNaN(Long value) {
		return (value != null) ? value : Double.NaN;
	}

}
