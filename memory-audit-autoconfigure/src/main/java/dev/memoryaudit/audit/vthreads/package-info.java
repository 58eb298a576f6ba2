/**
 * Virtual threads, counted the way the JDK lets an application see them: a JSON thread dump
 * ({@code HotSpotDiagnosticMXBean.dumpThreads}, JDK 21 and later) lists every virtual thread in a thread container,
 * with its state and stack; parked ones that keep growing are a leak of their own. Spring-free.
 */
@NullMarked
package dev.memoryaudit.audit.vthreads;

import org.jspecify.annotations.NullMarked;
