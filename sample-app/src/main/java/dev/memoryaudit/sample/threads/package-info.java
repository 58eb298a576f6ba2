/**
 * A switchable thread leak: a new executor per request, never shut down.
 */
package dev.memoryaudit.sample.threads;
