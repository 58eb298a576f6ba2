/**
 * The container the process runs in, read the way the kernel accounts it: the memory cgroup (v1 and v2) found through
 * {@code /proc/self/cgroup} and the mount table, its limit, usage, page cache, events and OOM kills; a breakdown of
 * the usage into what the JVM accounts for, page cache and the unexplained rest; and the time to the limit.
 * Spring-free.
 */
@NullMarked
package dev.memoryaudit.container;

import org.jspecify.annotations.NullMarked;
