/**
 * Cheap memory snapshots from JVM MXBeans and GC notifications, and their bounded history. Spring-free.
 */
@NullMarked
package dev.memoryaudit.snapshot;

import org.jspecify.annotations.NullMarked;
