package dev.memoryaudit.marking;

import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.memoryaudit.snapshot.LiveSetMeasurement;
import org.jspecify.annotations.Nullable;

/**
 * Reads the live set Shenandoah measured at each final mark from its {@code gc} and {@code gc+ergo} lines. Shenandoah
 * does not log the marked bytes themselves, but it logs the garbage it can collect with its share of all garbage
 * ({@code Collectable Garbage: 55210K (85%)}) and, right after, the heap used at final mark
 * ({@code Concurrent cleanup 113M->59M(256M)}): the live set is the used bytes less all garbage. The share is printed
 * rounded down to a whole percent, so all garbage lies between {@code collectable × 100 / (p + 1)} and
 * {@code collectable × 100 / p}; the midpoint is taken (at least the collectable garbage). A cycle whose share is 0 % says nothing and is skipped. Objects
 * allocated during marking count as live, as Shenandoah counts them.
 * <p>
 * Not read from the cycle's end (GC notifications): after a cycle that evacuates no region the garbage in partly
 * live regions is still there (measured 9 MiB above a live histogram of 50 MiB on JDK 25).
 */
final class ShenandoahLiveParser implements MarkingLogParser {

	private static final Pattern COLLECTABLE = Pattern
		.compile("GC\\((\\d+)\\).*Collectable Garbage: (\\d+)(B|K|M|G) \\((\\d+)%\\)");

	private static final Pattern CLEANUP = Pattern
		.compile("GC\\((\\d+)\\).*Concurrent cleanup.*?(\\d+)(B|K|M|G)->(\\d+)(B|K|M|G)\\(");

	private @Nullable String pendingId;

	private double pendingGarbage;

	private @Nullable String formatProblem;

	@Override
	public String selection() {
		return "gc=info,gc+ergo=info";
	}

	@Override
	public @Nullable LiveSetMeasurement accept(Instant time, String tags, String message) {
		Matcher collectable = COLLECTABLE.matcher(message);
		if (collectable.find()) {
			long bytes = LogSizes.bytes(collectable.group(2), collectable.group(3));
			int percent = Integer.parseInt(collectable.group(4));
			this.pendingId = (percent > 0) ? collectable.group(1) : null;
			this.pendingGarbage = (percent > 0) ? allGarbage(bytes, percent) : 0;
			return null;
		}
		if (this.pendingId == null || !message.contains("Concurrent cleanup")) {
			return null;
		}
		Matcher cleanup = CLEANUP.matcher(message);
		if (!cleanup.find()) {
			this.formatProblem = "a Shenandoah cleanup line without used sizes: " + message;
			return null;
		}
		if (!cleanup.group(1).equals(this.pendingId)) {
			return null;
		}
		this.pendingId = null;
		this.formatProblem = null;
		long usedAtMark = LogSizes.bytes(cleanup.group(2), cleanup.group(3));
		long live = Math.max(0, Math.round(usedAtMark - this.pendingGarbage));
		return new LiveSetMeasurement(time, live, LiveSetMeasurement.SHENANDOAH_MARKING);
	}

	/**
	 * All garbage from the collectable garbage and its share rounded down to a whole percent: the midpoint of
	 * {@code collectable × 100 / (p + 1)} and {@code collectable × 100 / p}, and never less than the collectable
	 * garbage itself.
	 */
	static double allGarbage(long collectable, int percent) {
		double midpoint = collectable * 100.0 * (2 * percent + 1) / (2.0 * percent * (percent + 1));
		return Math.max(collectable, midpoint);
	}

	@Override
	public void reset() {
		this.pendingId = null;
		this.pendingGarbage = 0;
	}

	@Override
	public @Nullable String formatProblem() {
		return this.formatProblem;
	}

}
