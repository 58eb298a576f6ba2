/**
 * Micrometer meters of the auditor. Spring-free; loaded only when Micrometer is present.
 */
@NullMarked
package dev.memoryaudit.audit.metrics;

import org.jspecify.annotations.NullMarked;
