/**
 * The figures of the {@code memory} health contributor and the thresholds they cross; Spring-free (the indicator
 * itself, a thin adapter, is {@code dev.memoryaudit.actuate.MemoryHealthIndicator}).
 */
@NullMarked
package dev.memoryaudit.health;

import org.jspecify.annotations.NullMarked;
