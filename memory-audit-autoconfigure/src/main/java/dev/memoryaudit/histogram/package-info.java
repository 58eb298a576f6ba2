/**
 * Class histograms of the Java heap: capture through the DiagnosticCommand MBean, parsing, diffs and leak suspects.
 * <p>
 * This package is deliberately free of Spring and Micrometer so that it can be used and tested on its own.
 */
@NullMarked
package dev.memoryaudit.histogram;

import org.jspecify.annotations.NullMarked;
