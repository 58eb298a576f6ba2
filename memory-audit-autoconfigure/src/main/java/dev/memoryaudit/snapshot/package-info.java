/**
 * Cheap memory snapshots from JVM MXBeans and GC notifications, and their bounded history. Spring-free.
 */
package dev.memoryaudit.snapshot;
