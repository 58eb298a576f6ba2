/**
 * Actuator web endpoints of memory-audit: {@code memorytrend}, {@code heapdiff} and {@code memorysnapshots}. Thin:
 * they parse parameters, call the engine and pick a status code.
 */
package dev.memoryaudit.actuate;
