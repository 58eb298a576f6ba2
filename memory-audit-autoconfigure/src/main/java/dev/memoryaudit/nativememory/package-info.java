/**
 * Native memory: RSS against what the JVM accounts for, and Native Memory Tracking categories when NMT is on.
 * Spring-free.
 */
@NullMarked
package dev.memoryaudit.nativememory;

import org.jspecify.annotations.NullMarked;
