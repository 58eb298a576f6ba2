package dev.memoryaudit.retention;

import java.util.List;

/**
 * What one dump of the retention recording showed.
 *
 * @param samples old-object samples in the dump
 * @param samplesWithRoot samples whose path reached a GC root
 * @param paths the samples grouped by path, ranked by growing classes then by samples
 */
public record RetentionAnalysis(int samples, int samplesWithRoot, List<RetentionPath> paths) {

	public RetentionAnalysis {
		paths = List.copyOf(paths);
	}

}
