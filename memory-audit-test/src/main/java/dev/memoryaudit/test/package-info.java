/**
 * JUnit 5 leak assertions for test suites: live-set growth per iteration measured after full GCs, objects that must
 * become collectable, and threads or file descriptors left behind by a block. Needs no Spring at runtime.
 */
@NullMarked
package dev.memoryaudit.test;

import org.jspecify.annotations.NullMarked;
