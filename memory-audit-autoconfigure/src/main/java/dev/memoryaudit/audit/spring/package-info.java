/**
 * Inspectors of Spring beans: every {@code CacheManager}'s caches and every executor bean, unwrapped where the
 * wrapper allows it. Only already-created singletons are inspected; lazy beans are never created by an audit.
 */
package dev.memoryaudit.audit.spring;
