package dev.memoryaudit.heapdump;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A dump taken or refused, and why.
 *
 * @param time when it was triggered
 * @param trigger what triggered it, with the figures
 * @param file the dump's file name, {@code null} when refused or failed
 * @param bytes the dump's size, 0 when refused or failed
 * @param outcome {@code written}, or {@code refused: ...} / {@code failed: ...} with the reason
 */
public record HeapDumpEvent(Instant time, String trigger, @Nullable String file, long bytes, String outcome) {

}
