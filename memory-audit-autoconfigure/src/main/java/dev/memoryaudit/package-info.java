/**
 * memory-audit: tells from inside a running JVM whether it leaks memory or exhausts resources.
 */
@NullMarked
package dev.memoryaudit;

import org.jspecify.annotations.NullMarked;
