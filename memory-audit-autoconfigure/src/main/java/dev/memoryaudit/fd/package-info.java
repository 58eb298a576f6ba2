/**
 * File descriptors by type from {@code /proc/self/fd} link targets, sampled on the snapshot tick. Spring-free.
 */
@NullMarked
package dev.memoryaudit.fd;

import org.jspecify.annotations.NullMarked;
