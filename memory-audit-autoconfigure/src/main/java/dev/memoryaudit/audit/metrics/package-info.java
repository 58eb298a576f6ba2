/**
 * Micrometer meters of the auditor. Spring-free; loaded only when Micrometer is present.
 */
package dev.memoryaudit.audit.metrics;
