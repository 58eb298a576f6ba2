/**
 * Spike-triggered heap dumps (opt-in): a live {@code .hprof} when the live set nears the heap maximum or jumps within
 * a window, into a private directory, with quotas and a free-disk check. Spring-free.
 */
@NullMarked
package dev.memoryaudit.heapdump;

import org.jspecify.annotations.NullMarked;
