/**
 * A hiccup meter in the manner of jHiccup: a thread that sleeps a fixed resolution and records how late it woke.
 * Spring-free and Micrometer-free; listeners forward each sample to a meter.
 */
@NullMarked
package dev.memoryaudit.lag;

import org.jspecify.annotations.NullMarked;
