/**
 * Markdown renderings of reports, for people reading in a terminal. Spring-free.
 */
package dev.memoryaudit.report;
