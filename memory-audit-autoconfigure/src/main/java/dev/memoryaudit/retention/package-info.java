/**
 * Live retention paths from JFR old-object samples: a bounded recording of {@code jdk.OldObjectSample} only, dumped
 * with paths to GC roots when the trend turns to growth or on demand, and grouped into "retained by" chains. Spring-free.
 */
@NullMarked
package dev.memoryaudit.retention;

import org.jspecify.annotations.NullMarked;
