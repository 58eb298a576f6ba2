package dev.memoryaudit.audit;

/**
 * One finding about one structure or thread group, with what to change.
 *
 * @param structure the structure name or thread-group pattern
 * @param kind {@code cache}, {@code executor}, {@code collection} or {@code thread-group}
 * @param severity the kind of finding
 * @param message what was seen
 * @param fix what to change
 */
public record Finding(String structure, String kind, Severity severity, String message, String fix) {

}
