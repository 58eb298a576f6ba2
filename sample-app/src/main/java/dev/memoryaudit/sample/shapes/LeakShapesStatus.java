package dev.memoryaudit.sample.shapes;

import java.util.Map;

/**
 * Which shapes leak now and how many objects each retains.
 *
 * @param running the shapes leaking now
 * @param retainedObjects objects retained per shape
 * @param bytesPerSecond the leak rate of each running shape
 */
public record LeakShapesStatus(Map<String, Boolean> running, Map<String, Long> retainedObjects,
		long bytesPerSecond) {
}
