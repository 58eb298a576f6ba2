/**
 * Actuator web endpoints of memory-audit: {@code memorytrend}, {@code heapdiff}, {@code memorysnapshots} and
 * {@code memoryaudit}. Thin: they parse parameters, call the engine and pick a status code.
 */
package dev.memoryaudit.actuate;
