/**
 * Actuator web endpoints of memory-audit: {@code memorytrend}, {@code heapdiff}, {@code memorysnapshots} and
 * {@code memoryaudit}. Thin: they parse parameters, call the engine and pick a status code.
 */
@NullMarked
package dev.memoryaudit.actuate;

import org.jspecify.annotations.NullMarked;
