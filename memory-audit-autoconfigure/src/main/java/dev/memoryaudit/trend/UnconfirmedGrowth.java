package dev.memoryaudit.trend;

/**
 * Growth that rests on weak evidence only, reported beside the verdict without raising it: the live set's after-GC
 * floor rising with no exact measurement or reclamation to confirm it, growth during the leak warm-up, or an
 * informational series (RSS, native memory not accounted for).
 *
 * @param series the series that grows
 * @param verdict what the series alone would read
 * @param reason why the growth is not confirmed
 */
public record UnconfirmedGrowth(String series, Verdict verdict, String reason) {
}
