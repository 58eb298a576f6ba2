/**
 * Caches and executors for the auditors to find, and an endpoint that fills the caches.
 */
package dev.memoryaudit.sample.structures;
