/**
 * File descriptors by type from {@code /proc/self/fd} link targets, sampled on the snapshot tick. Spring-free.
 */
package dev.memoryaudit.fd;
