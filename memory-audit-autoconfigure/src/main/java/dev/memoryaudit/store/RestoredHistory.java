package dev.memoryaudit.store;

import java.util.List;
import java.util.Set;

import dev.memoryaudit.snapshot.Snapshot;

/**
 * What a store read back on start.
 *
 * @param snapshots the snapshots restored, by id, without duplicates
 * @param tornLines last lines cut short by a crash, skipped
 * @param corruptFiles store files with undecodable lines before their last, reported and left alone (their good
 * lines are still restored)
 * @param foreignFiles files in the directory the store did not write, reported and left alone
 * @param cleanStops start times ({@code jvmStartMillis}) of the JVMs whose stop marker was found: they stopped cleanly
 */
public record RestoredHistory(List<Snapshot> snapshots, int tornLines, List<String> corruptFiles,
		List<String> foreignFiles, Set<Long> cleanStops) {

	public RestoredHistory {
		snapshots = List.copyOf(snapshots);
		corruptFiles = List.copyOf(corruptFiles);
		foreignFiles = List.copyOf(foreignFiles);
		cleanStops = Set.copyOf(cleanStops);
	}

}
