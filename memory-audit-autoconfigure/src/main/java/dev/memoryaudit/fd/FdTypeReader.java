package dev.memoryaudit.fd;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Counts open file descriptors by type from the link targets in {@code /proc/self/fd}, reading at most a capped
 * number of links within a time budget (one {@code readlink} costs tens of microseconds).
 */
public final class FdTypeReader {

	/**
	 * The Linux directory of this process' descriptors.
	 */
	public static final Path PROC_SELF_FD = Path.of("/proc/self/fd");

	private final Path directory;

	private final int maxRead;

	private final long budgetNanos;

	private final Clock clock;

	private final @Nullable String ownTarget;

	/**
	 * Creates a reader.
	 * @param directory the descriptor directory, {@link #PROC_SELF_FD} outside tests
	 * @param maxRead the most link targets read per census
	 * @param budget the time after which a census stops reading link targets
	 * @param clock the wall clock for census times
	 */
	public FdTypeReader(Path directory, int maxRead, Duration budget, Clock clock) {
		if (maxRead < 1) {
			throw new IllegalArgumentException("maxRead must be at least 1, was " + maxRead);
		}
		this.directory = directory;
		this.maxRead = maxRead;
		this.budgetNanos = budget.toNanos();
		this.clock = clock;
		this.ownTarget = realPath(directory);
	}

	private static @Nullable String realPath(Path directory) {
		try {
			return directory.toRealPath().toString();
		}
		catch (IOException | RuntimeException ex) {
			return null;
		}
	}

	/**
	 * Whether the descriptor directory exists here.
	 * @return {@code true} on Linux with {@code /proc} mounted
	 */
	public boolean isAvailable() {
		return Files.isDirectory(this.directory);
	}

	/**
	 * Why this reader is unavailable.
	 * @return the reason, or {@code null} when available
	 */
	public @Nullable String unavailableReason() {
		return isAvailable() ? null
				: "file descriptors by type unavailable: " + this.directory + " is not a readable directory (not Linux?)";
	}

	/**
	 * Takes a census.
	 * @return the census, or {@code null} when the directory cannot be listed
	 */
	public @Nullable FdCensus read() {
		long start = System.nanoTime();
		Map<FdType, Long> counts = new EnumMap<>(FdType.class);
		long listed = 0;
		long classified = 0;
		String truncation = null;
		try (DirectoryStream<Path> entries = Files.newDirectoryStream(this.directory)) {
			for (Path entry : entries) {
				if (truncation == null && classified >= this.maxRead) {
					truncation = "cap of " + this.maxRead + " descriptors read (memory.audit.fd.max-read)";
				}
				if (truncation == null && System.nanoTime() - start > this.budgetNanos) {
					truncation = "time budget of " + Duration.ofNanos(this.budgetNanos).toMillis()
							+ " ms spent (memory.audit.fd.time-budget)";
				}
				if (truncation != null) {
					listed++;
					continue;
				}
				String target;
				try {
					target = Files.readSymbolicLink(entry).toString();
				}
				catch (IOException | UnsupportedOperationException ex) {
					continue; // closed since listing
				}
				if (target.equals(this.ownTarget)) {
					continue; // the directory stream of this census
				}
				listed++;
				classified++;
				counts.merge(FdType.classify(target), 1L, Long::sum);
			}
		}
		catch (IOException | RuntimeException ex) {
			return null;
		}
		if (truncation != null) {
			truncation = truncation + ": " + classified + " of " + listed + " classified";
		}
		return new FdCensus(this.clock.instant(), counts, listed, classified, truncation, System.nanoTime() - start);
	}

}
