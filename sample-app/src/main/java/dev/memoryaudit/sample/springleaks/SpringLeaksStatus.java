package dev.memoryaudit.sample.springleaks;

import java.util.Map;

/**
 * State of the switchable Spring-service leaks.
 *
 * @param running the cases running, by name
 * @param requests requests sent per case since start
 * @param failures requests that failed
 * @param leakedClasses proxy classes generated per request and kept
 */
public record SpringLeaksStatus(Map<String, Boolean> running, Map<String, Long> requests, long failures,
		int leakedClasses) {

}
