/**
 * Trend and leak assessment over snapshot history: robust slopes, significance, saturation and evidence rules.
 * Spring-free.
 */
@NullMarked
package dev.memoryaudit.trend;

import org.jspecify.annotations.NullMarked;
