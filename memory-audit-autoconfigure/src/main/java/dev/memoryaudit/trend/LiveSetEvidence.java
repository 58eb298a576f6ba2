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
 * @param rule the verdict rule that decided (docs/architecture.md), followed by {@code , leak-warmup} when that guard
 * held a confirmed leak back; empty when no rule ran
 */
public record LiveSetEvidence(boolean confirmed, String reason, int reclaimingCollections,
		@Nullable Integer ticksSinceReclaim, List<ReclaimedPoint> reclaimedFloor,
		@Nullable SeriesAssessment reclaimedTrend, String confirmationMode, List<Confirmation> confirmations,
		String confirmationStatus, String rule) {

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
				confirmationMode, confirmations, "", "");
	}

	/**
	 * A copy with the given confirmation status.
	 * @param status the status
	 * @return the copy
	 */
	public LiveSetEvidence withConfirmationStatus(String status) {
		return new LiveSetEvidence(this.confirmed, this.reason, this.reclaimingCollections, this.ticksSinceReclaim,
				this.reclaimedFloor, this.reclaimedTrend, this.confirmationMode, this.confirmations, status, this.rule);
	}

	/**
	 * A copy naming the rule that decided.
	 * @param decidedBy the rule's name
	 * @return the copy
	 */
	public LiveSetEvidence withRule(String decidedBy) {
		return new LiveSetEvidence(this.confirmed, this.reason, this.reclaimingCollections, this.ticksSinceReclaim,
				this.reclaimedFloor, this.reclaimedTrend, this.confirmationMode, this.confirmations,
				this.confirmationStatus, decidedBy);
	}

	/**
	 * The exact measurements of the live set among the points, oldest first.
	 * @return the exact points
	 */
	public List<ReclaimedPoint> exactPoints() {
		return this.reclaimedFloor.stream().filter(ReclaimedPoint::exact).toList();
	}

}
