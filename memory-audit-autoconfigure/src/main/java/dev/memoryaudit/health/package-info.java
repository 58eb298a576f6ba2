/**
 * The {@code memory} health contributor: a Spring-free resource summary with thresholds, and a thin indicator.
 */
@NullMarked
package dev.memoryaudit.health;

import org.jspecify.annotations.NullMarked;
