/**
 * Markdown renderings of reports, for people reading in a terminal. Spring-free.
 */
@NullMarked
package dev.memoryaudit.report;

import org.jspecify.annotations.NullMarked;
