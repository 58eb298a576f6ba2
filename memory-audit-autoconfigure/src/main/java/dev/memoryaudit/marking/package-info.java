/**
 * Exact live-set measurements from the collector's own marking, read from a unified-logging output that the starter
 * turns on at run time (the {@code VM.log} diagnostic command) into a private file: G1's per-region liveness after
 * each remark, ZGC's marked bytes per (major) cycle. No pause of ours. Spring-free.
 */
@NullMarked
package dev.memoryaudit.marking;

import org.jspecify.annotations.NullMarked;
