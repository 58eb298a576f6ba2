package dev.memoryaudit.snapshot;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A source of exact live-set measurements that the snapshot capture drains once per tick.
 */
public interface LiveSetSource {

	/**
	 * The measurements taken since the previous call, oldest first.
	 * @return the measurements, empty when none
	 */
	List<LiveSetMeasurement> drainMeasurements();

	/**
	 * What this source is, for the report (e.g. {@code g1-marking from gc+liveness log}).
	 * @return a short description
	 */
	String description();

	/**
	 * Why this source gives no measurements on this JVM.
	 * @return the reason, or {@code null} when it works
	 */
	@Nullable String unavailableReason();

	/**
	 * What reading this source has added to the collector's own pauses so far, estimated (a log written inside a
	 * pause), in milliseconds; {@code 0} when it adds nothing.
	 * @return estimated milliseconds since the start
	 */
	default double estimatedPauseMillis() {
		return 0;
	}

}
