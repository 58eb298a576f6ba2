package dev.memoryaudit.trend;

import java.util.List;

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

}
