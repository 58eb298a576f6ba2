/**
 * Inspectors of Spring beans: every {@code CacheManager}'s caches and every executor bean, unwrapped where the
 * wrapper allows it. Only already-created singletons are inspected; lazy beans are never created by an audit.
 */
@NullMarked
package dev.memoryaudit.audit.spring;

import org.jspecify.annotations.NullMarked;
