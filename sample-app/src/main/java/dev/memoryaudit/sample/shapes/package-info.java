/**
 * Three more leak shapes for the retention-path demo: a listener list, a map keyed by request id, and a thread-local
 * on pooled threads, each switchable over HTTP.
 */
package dev.memoryaudit.sample.shapes;
