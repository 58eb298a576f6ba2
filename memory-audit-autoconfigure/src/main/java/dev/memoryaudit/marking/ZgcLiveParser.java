package dev.memoryaudit.marking;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.memoryaudit.snapshot.LiveSetMeasurement;
import org.jspecify.annotations.Nullable;

/**
 * Reads the bytes ZGC marked live per cycle from its {@code gc+heap} table: the {@code Live:} row's first figure is
 * the live set at the end of marking (objects allocated during the cycle are in the {@code Allocated:} row, not
 * here). Single-generation ZGC (JDK 17) prints one table per cycle. Generational ZGC (JDK 21 and later) prefixes the
 * rows of a major collection with {@code Y:} and {@code O:} (minor collections with {@code y:}); only a major
 * collection marks the old generation, and its live set is the young and the old figure together. Minor collections
 * are skipped: they say nothing of the old generation.
 */
final class ZgcLiveParser implements MarkingLogParser {

	private static final Pattern GC_ID = Pattern.compile("GC\\((\\d+)\\)\\s*(?:([yYO]):)?\\s*(.*)");

	private static final Pattern SIZE = Pattern.compile("(\\d+)([KMG])");

	private final Map<String, Long> youngLive = new HashMap<>();

	private @Nullable String formatProblem;

	@Override
	public String selection() {
		return "gc+heap=info";
	}

	@Override
	public @Nullable LiveSetMeasurement accept(Instant time, String tags, String message) {
		if (!tags.contains("heap")) {
			return null;
		}
		Matcher matcher = GC_ID.matcher(message.trim());
		if (!matcher.matches()) {
			return null;
		}
		String id = matcher.group(1);
		String generation = matcher.group(2);
		String row = matcher.group(3).trim();
		if (!row.startsWith("Live:")) {
			return null;
		}
		Long live = firstSize(row);
		if (live == null) {
			this.formatProblem = "a ZGC 'Live:' row without a size: " + row;
			return null;
		}
		this.formatProblem = null;
		if (generation == null) {
			return new LiveSetMeasurement(time, live, LiveSetMeasurement.ZGC_MARKING);
		}
		if (generation.equals("y")) {
			// a minor collection (lower-case prefix on JDK 25): it marks the young generation only
			return null;
		}
		if (generation.equals("Y")) {
			if (this.youngLive.size() > 16) {
				this.youngLive.clear();
			}
			// the first young marking of the major collection; a young phase restarted after a stall reports again
			this.youngLive.putIfAbsent(id, live);
			return null;
		}
		Long young = this.youngLive.remove(id);
		if (young == null) {
			// the young marking of this major collection was not read (log turned on mid-cycle, a gap): the old
			// generation alone is not the live set
			return null;
		}
		return new LiveSetMeasurement(time, live + young, LiveSetMeasurement.ZGC_MARKING);
	}

	private static @Nullable Long firstSize(String row) {
		Matcher size = SIZE.matcher(row);
		if (!size.find()) {
			return null;
		}
		return LogSizes.bytes(size.group(1), size.group(2));
	}

	@Override
	public void reset() {
		this.youngLive.clear();
	}

	@Override
	public @Nullable String formatProblem() {
		return this.formatProblem;
	}

}
