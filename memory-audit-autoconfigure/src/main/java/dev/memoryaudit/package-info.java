/**
 * memory-audit: tells from inside a running JVM whether it leaks memory or exhausts resources.
 */
package dev.memoryaudit;
