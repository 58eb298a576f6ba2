package dev.memoryaudit.trend;

import java.util.List;

import dev.memoryaudit.snapshot.Snapshot;

/**
 * Contributes sections to the trend report; called after each snapshot on the snapshot thread, so it must be cheap.
 */
@FunctionalInterface
public interface ReportSectionContributor {

	/**
	 * The sections as of now.
	 * @return the sections, empty when there is nothing to say
	 */
	List<ReportSection> sections();

	/**
	 * The sections as of now, for contributors that read the snapshot history; by default {@link #sections()}.
	 * @param history the engine's snapshots, oldest first (restored ones from earlier runs included)
	 * @return the sections, empty when there is nothing to say
	 */
	default List<ReportSection> sections(List<Snapshot> history) {
		return sections();
	}

}
