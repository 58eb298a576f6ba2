package dev.memoryaudit.test;

/**
 * One measurement of a {@link LeakCheck}: the heap in use right after a full GC, taken after some iterations.
 *
 * @param iteration iterations of the measured phase completed before the measurement (warm-up not counted)
 * @param liveBytes heap bytes in use right after the full GC
 */
public record LiveSetSample(long iteration, long liveBytes) {
}
