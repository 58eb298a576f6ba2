package dev.memoryaudit.marking;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import dev.memoryaudit.snapshot.LiveSetMeasurement;
import org.jspecify.annotations.Nullable;

/**
 * Reads G1's {@code gc+liveness=trace} blocks: after each remark G1 prints a {@code ### PHASE Post-Marking} block
 * with one line per region (type, address range, used and live bytes) and a {@code ### SUMMARY} line. The live old
 * set is the sum of the live bytes of every region that is neither free, eden nor survivor (eden and survivor
 * regions count as wholly live there). The live column is found by name in the block's header: {@code next-live} on
 * JDK 17 (two bitmaps, prev and next), {@code live} from JDK 21 on (one bitmap). {@code Post-Cleanup} blocks repeat
 * the figures and are skipped.
 */
final class G1LivenessParser implements MarkingLogParser {

	private static final Set<String> YOUNG_OR_FREE = Set.of("FREE", "EDEN", "SURV");

	private static final List<String> LIVE_COLUMNS = List.of("next-live", "live");

	private boolean inMarkingBlock;

	private int liveColumn = -1;

	private long liveBytes;

	private int regions;

	private @Nullable String formatProblem;

	private long linesInPauses;

	@Override
	public String selection() {
		return "gc+liveness=trace";
	}

	@Override
	public @Nullable LiveSetMeasurement accept(Instant time, String tags, String message) {
		int marker = message.indexOf("###");
		if (!tags.contains("liveness") || marker < 0) {
			return null;
		}
		String body = message.substring(marker + 3).trim();
		if (body.startsWith("PHASE")) {
			this.inMarkingBlock = body.contains("Post-Marking");
			this.liveColumn = -1;
			this.liveBytes = 0;
			this.regions = 0;
			return null;
		}
		if (!this.inMarkingBlock) {
			return null;
		}
		String[] tokens = body.isEmpty() ? new String[0] : body.split("\\s+");
		if (tokens.length == 0) {
			return null;
		}
		if (tokens[0].equals("type")) {
			this.liveColumn = liveColumn(tokens);
			return null;
		}
		if (tokens[0].equals("SUMMARY")) {
			this.inMarkingBlock = false;
			if (this.liveColumn < 0 || this.regions == 0) {
				this.formatProblem = "a G1 Post-Marking block without a recognised region table (no 'next-live' or "
						+ "'live' column)";
				return null;
			}
			this.formatProblem = null;
			// the Post-Cleanup block repeats every region line inside the cleanup pause
			this.linesInPauses += 2L * this.regions;
			return new LiveSetMeasurement(time, this.liveBytes, LiveSetMeasurement.G1_MARKING);
		}
		if (this.liveColumn > 0 && tokens.length > this.liveColumn && tokens[1].startsWith("0x")) {
			Long live = parseLong(tokens[this.liveColumn]);
			if (live == null) {
				return null;
			}
			this.regions++;
			if (!YOUNG_OR_FREE.contains(tokens[0])) {
				this.liveBytes += live;
			}
		}
		return null;
	}

	private static int liveColumn(String[] header) {
		List<String> columns = Arrays.asList(header);
		for (String name : LIVE_COLUMNS) {
			int index = columns.indexOf(name);
			if (index >= 0) {
				return index;
			}
		}
		return -1;
	}

	private static @Nullable Long parseLong(String token) {
		try {
			return Long.parseLong(token);
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	@Override
	public void reset() {
		this.inMarkingBlock = false;
		this.liveColumn = -1;
		this.liveBytes = 0;
		this.regions = 0;
	}

	@Override
	public long linesInPauses() {
		return this.linesInPauses;
	}

	@Override
	public @Nullable String formatProblem() {
		return this.formatProblem;
	}

}
