/**
 * Meter-registry cardinality: meters per name, distinct values per tag key, the exported scrape size, their trends,
 * and which tag to bound. Spring-free; loaded only when Micrometer is present.
 */
package dev.memoryaudit.audit.meters;
