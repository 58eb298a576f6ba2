/**
 * Helpers shared by the tests.
 */
package dev.memoryaudit.testsupport;
