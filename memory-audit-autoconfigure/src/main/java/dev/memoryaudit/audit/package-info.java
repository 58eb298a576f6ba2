/**
 * Bounded-collection auditing: caches, executors, registered collections and live thread groups, their bounds, fill
 * and growth, and findings that say what to change. Spring-free; Caffeine and Micrometer are touched only by classes
 * that are loaded when they are present.
 */
@NullMarked
package dev.memoryaudit.audit;

import org.jspecify.annotations.NullMarked;
