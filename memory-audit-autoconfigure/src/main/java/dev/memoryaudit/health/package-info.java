/**
 * The {@code memory} health contributor: a Spring-free resource summary with thresholds, and a thin indicator.
 */
package dev.memoryaudit.health;
