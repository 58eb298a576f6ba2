package dev.memoryaudit.audit;

import dev.memoryaudit.trend.SeriesAssessment;
import org.jspecify.annotations.Nullable;

/**
 * Live threads of one name pattern, with their trend.
 *
 * @param pattern the name with digits folded to {@code *}
 * @param count live threads now
 * @param verdict {@code THREAD_GROUP_GROWING} or {@code OK}
 * @param trend the count trend, {@code null} when the group is not tracked
 */
public record ThreadGroupRow(String pattern, int count, String verdict, @Nullable SeriesAssessment trend) {

}
