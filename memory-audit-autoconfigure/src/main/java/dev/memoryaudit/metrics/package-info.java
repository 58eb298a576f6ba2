/**
 * Micrometer {@code MeterBinder}s over the memory-audit core: file descriptors by type, lag, native memory, leak
 * gauges, and the build info gauge that fleet queries join on. Binders only read what the core measured; an unavailable source leaves its meters absent.
 */
@NullMarked
package dev.memoryaudit.metrics;

import org.jspecify.annotations.NullMarked;
