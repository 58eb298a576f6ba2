/**
 * Dependency-free robust trend statistics (Theil–Sen slope, Mann–Kendall test, least squares, quantiles, normal CDF)
 * used by the memory-audit trend detectors; this package deliberately uses nothing but the JDK.
 */
@NullMarked
package dev.memoryaudit.trend.stats;

import org.jspecify.annotations.NullMarked;
