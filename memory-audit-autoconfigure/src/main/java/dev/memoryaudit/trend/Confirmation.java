package dev.memoryaudit.trend;

import java.time.Instant;

/**
 * A confirmation the engine requested to turn weak evidence into strong evidence.
 *
 * @param time when it ran
 * @param kind {@code live-histogram} or {@code concurrent}
 * @param pauseMillis the measured stop-the-world pause (for a live histogram, its whole duration)
 * @param liveBytes live bytes it measured, or {@code -1} when it measures none itself
 */
public record Confirmation(Instant time, String kind, long pauseMillis, long liveBytes) {
}
