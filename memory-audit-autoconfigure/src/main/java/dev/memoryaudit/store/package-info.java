/**
 * Persisted snapshot history (opt-in): JSON lines in a private directory, rotated by size and age, restored on
 * restart so a trend can span restarts. Spring-free; the line format comes from a {@link SnapshotCodec}.
 */
@NullMarked
package dev.memoryaudit.store;

import org.jspecify.annotations.NullMarked;
