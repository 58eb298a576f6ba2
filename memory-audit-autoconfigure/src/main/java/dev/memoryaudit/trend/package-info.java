/**
 * Trend and leak assessment over snapshot history. Spring-free. The pipeline, per analysis:
 * <ol>
 * <li>{@link dev.memoryaudit.trend.TrendAnalyzer#analyze}: the current segment (since the last restart), past warm-up,
 * within the window;</li>
 * <li>{@link dev.memoryaudit.trend.SeriesAssessor} per series: Theil–Sen slope, one-sided Mann–Kendall test, noise
 * and minimum-growth bars, no-saturation check;</li>
 * <li>for the live set, {@code EvidenceGate}: the verdict rules of {@code VerdictRules}, in order (collection usage,
 * exact points, reclaimed floor growing, no growth, growth that survived reclamation, reclaimed floor flat, growth
 * taken back, weak evidence only), then the leak warm-up guard; the deciding rule is named in
 * {@link dev.memoryaudit.trend.LiveSetEvidence#rule()};</li>
 * <li>the overall verdict from strong evidence only; weak growth goes to
 * {@link dev.memoryaudit.trend.UnconfirmedGrowth};</li>
 * <li>{@link dev.memoryaudit.trend.VerdictLatch}: LEAK_SUSPECTED holds until the evidence turns.</li>
 * </ol>
 * See docs/architecture.md.
 */
@NullMarked
package dev.memoryaudit.trend;

import org.jspecify.annotations.NullMarked;
