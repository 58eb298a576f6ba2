package dev.memoryaudit.trend;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What the live-set verdict stands on: collections that reclaimed the old generation, the reclaimed floor, and the
 * confirmations taken.
 *
 * @param confirmed whether growth of the live set is confirmed by strong evidence
 * @param reason why the verdict is (un)confirmed
 * @param reclaimingCollections old, mixed or full collections seen in the assessed window
 * @param ticksSinceReclaim snapshots since the last reclaiming collection, {@code null} when none was seen
 * @param reclaimedFloor the reclaimed-floor points in the window, oldest first
 * @param reclaimedTrend the assessment of the reclaimed floor, when it has enough points
 * @param confirmationMode the configured confirmation mode
 * @param confirmations confirmations taken in the window
 */
public record LiveSetEvidence(boolean confirmed, String reason, int reclaimingCollections,
		@Nullable Integer ticksSinceReclaim, List<ReclaimedPoint> reclaimedFloor,
		@Nullable SeriesAssessment reclaimedTrend, String confirmationMode, List<Confirmation> confirmations) {
}
