package dev.memoryaudit.snapshot;

import java.util.Map;

/**
 * Contributes additional named series to every snapshot (for example file descriptors by type, or the size of an
 * audited collection), so that they get a history and a trend.
 */
@FunctionalInterface
public interface SeriesContributor {

	/**
	 * Samples the contributed series; called on the snapshot thread, so it must be cheap and must not block.
	 * @return values keyed by series name
	 */
	Map<String, Long> sample();

}
