package dev.memoryaudit.trend;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import dev.memoryaudit.snapshot.GcWindow;
import dev.memoryaudit.snapshot.MemoryFigures;
import dev.memoryaudit.snapshot.Snapshot;
import dev.memoryaudit.snapshot.ThreadFigures;
import org.jspecify.annotations.Nullable;

/**
 * Builds snapshot histories for tests: one snapshot per tick with a given after-GC floor and, optionally, a
 * reclaimed floor where an old-generation collection happened.
 */
public final class SyntheticSnapshots {

	public static final long MIB = 1024 * 1024;

	public static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

	private final List<Snapshot> snapshots = new ArrayList<>();

	private final Duration tick;

	private final long heapMax;

	private long uptimeMillis;

	private Instant time = START;

	public SyntheticSnapshots(Duration tick, long heapMax) {
		this.tick = tick;
		this.heapMax = heapMax;
		this.uptimeMillis = Duration.ofHours(1).toMillis();
	}

	/**
	 * Adds a snapshot.
	 * @param afterGcFloor the after-GC floor, {@code null} when no collection happened
	 * @param reclaimedFloor the floor after a reclaiming collection, {@code null} when none happened
	 * @return this
	 */
	public SyntheticSnapshots add(@Nullable Long afterGcFloor, @Nullable Long reclaimedFloor) {
		return add(afterGcFloor, reclaimedFloor, 40);
	}

	public SyntheticSnapshots add(@Nullable Long afterGcFloor, @Nullable Long reclaimedFloor, int threads) {
		return add(afterGcFloor, reclaimedFloor, threads, 300 * MIB);
	}

	public SyntheticSnapshots add(@Nullable Long afterGcFloor, @Nullable Long reclaimedFloor, int threads,
			long rssBytes) {
		long id = this.snapshots.size() + 1;
		GcWindow gc = new GcWindow(true, (afterGcFloor != null) ? 3 : 0, (reclaimedFloor != null) ? 1 : 0,
				afterGcFloor, reclaimedFloor, 10);
		long used = (afterGcFloor != null) ? afterGcFloor + 50 * MIB : 100 * MIB;
		this.snapshots.add(new Snapshot(id, this.time, this.uptimeMillis, new MemoryFigures(used, this.heapMax,
				this.heapMax), afterGcFloor, (afterGcFloor != null) ? "gc-notification" : null, gc, List.of(),
				60 * MIB, List.of(), List.of(), new ThreadFigures(threads, threads / 2, threads, threads), 8000,
				rssBytes, 50L, 65536L, Map.of(), 100_000, 0L,
				this.time.toEpochMilli() - this.uptimeMillis));
		this.time = this.time.plus(this.tick);
		this.uptimeMillis += this.tick.toMillis();
		return this;
	}

	/**
	 * Simulates a restart: uptime starts again.
	 * @return this
	 */
	public SyntheticSnapshots restart() {
		this.uptimeMillis = Duration.ofMinutes(15).toMillis();
		return this;
	}

	public List<Snapshot> snapshots() {
		return List.copyOf(this.snapshots);
	}

	/**
	 * Gaussian noise with the given standard deviation, seeded.
	 * @param random the random source
	 * @param sd the standard deviation in bytes
	 * @return noise in bytes
	 */
	public static long noise(Random random, double sd) {
		return (long) (random.nextGaussian() * sd);
	}

}
