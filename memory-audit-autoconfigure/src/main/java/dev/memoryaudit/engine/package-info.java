/**
 * The memory-audit engine: scheduled cheap snapshots, histogram policy (baseline, schedule, escalation, on demand,
 * confirmation), bounded history and the cached trend report. Spring-free.
 */
package dev.memoryaudit.engine;
