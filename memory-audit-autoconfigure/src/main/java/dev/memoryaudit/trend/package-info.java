/**
 * Trend and leak assessment over snapshot history: robust slopes, significance, saturation and evidence rules.
 * Spring-free.
 */
package dev.memoryaudit.trend;
