package dev.memoryaudit.marking;

import java.time.Instant;

import dev.memoryaudit.snapshot.LiveSetMeasurement;
import org.jspecify.annotations.Nullable;

/**
 * Reads one collector's marking results out of its unified-logging lines, one line at a time.
 */
interface MarkingLogParser {

	/**
	 * The log selection the parser needs, as {@code VM.log what=} takes it.
	 * @return the selection
	 */
	String selection();

	/**
	 * Reads one line (decorations removed).
	 * @param time when the line was logged
	 * @param tags the line's tags, e.g. {@code gc,liveness}
	 * @param message the message after the decorations
	 * @return a measurement when the line completes one, else {@code null}
	 */
	@Nullable LiveSetMeasurement accept(Instant time, String tags, String message);

	/**
	 * Why the lines read so far could not be understood, when a marking was seen but its format was not.
	 * @return the reason, or {@code null}
	 */
	@Nullable String formatProblem();

	/**
	 * Lines the collector wrote inside its pauses for the measurements read so far (G1 writes one per region at remark
	 * and again at cleanup); {@code 0} for collectors that log outside their pauses.
	 * @return the lines
	 */
	default long linesInPauses() {
		return 0;
	}

	/**
	 * Forgets any block read in part: the lines before a gap in the log (rotation, a line that could not be read)
	 * must not be completed by the lines after it.
	 */
	void reset();

}
