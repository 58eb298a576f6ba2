package dev.memoryaudit.engine;

import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import dev.memoryaudit.snapshot.Ring;
import dev.memoryaudit.snapshot.Snapshot;
import org.jspecify.annotations.Nullable;

/**
 * The engine's bounded history: snapshots and class histograms in rings of fixed size, ids, and the queries the
 * endpoints and reports make of them. Thread-safe (the rings are); restoring is done under the engine's lock.
 */
public final class History {

	private final Ring<Snapshot> snapshots;

	private final Ring<HistogramRecord> histograms;

	private final AtomicLong ids = new AtomicLong();

	History(int snapshotCapacity, int histogramCapacity) {
		this.snapshots = new Ring<>(snapshotCapacity);
		this.histograms = new Ring<>(histogramCapacity);
	}

	long nextId() {
		return this.ids.incrementAndGet();
	}

	void add(Snapshot snapshot) {
		this.snapshots.add(snapshot);
	}

	void add(HistogramRecord histogram) {
		this.histograms.add(histogram);
	}

	/**
	 * Puts snapshots of earlier runs before the ones taken so far; ids continue after the highest restored one.
	 * Restored snapshots whose ids are not below those already taken are skipped.
	 * @param restored the snapshots
	 * @return how many were restored
	 */
	int restore(List<Snapshot> restored) {
		List<Snapshot> current = this.snapshots.toList();
		long firstCurrent = current.isEmpty() ? Long.MAX_VALUE : current.get(0).id();
		List<Snapshot> older = restored.stream()
			.filter((s) -> s.id() < firstCurrent)
			.sorted(Comparator.comparingLong(Snapshot::id))
			.distinct()
			.toList();
		this.snapshots.clear();
		older.forEach(this.snapshots::add);
		current.forEach(this.snapshots::add);
		older.stream().mapToLong(Snapshot::id).max().ifPresent((max) -> this.ids.accumulateAndGet(max, Math::max));
		return older.size();
	}

	/**
	 * The snapshots, oldest first.
	 * @return a copy
	 */
	public List<Snapshot> snapshots() {
		return this.snapshots.toList();
	}

	public @Nullable Snapshot snapshot(long id) {
		return this.snapshots.find((s) -> s.id() == id);
	}

	/**
	 * The class histograms, oldest first.
	 * @return a copy
	 */
	public List<HistogramRecord> histograms() {
		return this.histograms.toList();
	}

	public @Nullable HistogramRecord histogram(long snapshotId) {
		return this.histograms.find((h) -> h.snapshotId() == snapshotId);
	}

	/**
	 * Looks up a snapshot.
	 * @param id the id
	 * @return the snapshot
	 * @throws HistoryLookupException when the id is not in history
	 */
	public Snapshot requireSnapshot(long id) {
		Snapshot snapshot = snapshot(id);
		if (snapshot == null) {
			List<Snapshot> all = this.snapshots.toList();
			String range = all.isEmpty() ? "none yet" : all.get(0).id() + " to " + all.get(all.size() - 1).id();
			throw new HistoryLookupException("no snapshot " + id + " in history", "snapshot ids " + range);
		}
		return snapshot;
	}

}
