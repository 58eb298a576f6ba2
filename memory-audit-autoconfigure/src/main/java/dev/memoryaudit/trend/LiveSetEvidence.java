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
 * @param confirmationStatus the last confirmation decision: taken, not needed (the collector measured the live set),
 * or passive and why (above the pause budget); empty when unknown
 */
public record LiveSetEvidence(boolean confirmed, String reason, int reclaimingCollections,
		@Nullable Integer ticksSinceReclaim, List<ReclaimedPoint> reclaimedFloor,
		@Nullable SeriesAssessment reclaimedTrend, String confirmationMode, List<Confirmation> confirmations,
		String confirmationStatus) {

	/**
	 * Evidence without a confirmation status.
	 * @param confirmed whether growth of the live set is confirmed by strong evidence
	 * @param reason why the verdict is (un)confirmed
	 * @param reclaimingCollections old, mixed or full collections seen in the assessed window
	 * @param ticksSinceReclaim snapshots since the last reclaiming collection, {@code null} when none was seen
	 * @param reclaimedFloor the reclaimed-floor and exact points in the window, oldest first
	 * @param reclaimedTrend the assessment of the reclaimed floor, when it has enough points
	 * @param confirmationMode the configured confirmation mode
	 * @param confirmations confirmations taken in the window
	 */
	public LiveSetEvidence(boolean confirmed, String reason, int reclaimingCollections,
			@Nullable Integer ticksSinceReclaim, List<ReclaimedPoint> reclaimedFloor,
			@Nullable SeriesAssessment reclaimedTrend, String confirmationMode, List<Confirmation> confirmations) {
		this(confirmed, reason, reclaimingCollections, ticksSinceReclaim, reclaimedFloor, reclaimedTrend,
				confirmationMode, confirmations, "");
	}

	/**
	 * A copy with the given confirmation status.
	 * @param status the status
	 * @return the copy
	 */
	public LiveSetEvidence withConfirmationStatus(String status) {
		return new LiveSetEvidence(this.confirmed, this.reason, this.reclaimingCollections, this.ticksSinceReclaim,
				this.reclaimedFloor, this.reclaimedTrend, this.confirmationMode, this.confirmations, status);
	}

	/**
	 * The exact measurements of the live set among the points, oldest first.
	 * @return the exact points
	 */
	public List<ReclaimedPoint> exactPoints() {
		return this.reclaimedFloor.stream().filter(ReclaimedPoint::exact).toList();
	}

}
