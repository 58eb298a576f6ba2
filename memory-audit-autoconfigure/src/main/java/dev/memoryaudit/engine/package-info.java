/**
 * The memory-audit engine: scheduled cheap snapshots, histogram policy (baseline, schedule, escalation, on demand,
 * confirmation), bounded history and the cached trend report. Spring-free.
 */
@NullMarked
package dev.memoryaudit.engine;

import org.jspecify.annotations.NullMarked;
