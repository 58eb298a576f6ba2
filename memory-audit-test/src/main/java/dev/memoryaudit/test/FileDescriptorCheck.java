package dev.memoryaudit.test;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import dev.memoryaudit.fd.FdType;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.function.Executable;
import org.jspecify.annotations.Nullable;

/**
 * Fails when a block leaves more open file descriptors of some type than it found, read from {@code /proc/self/fd}
 * (Linux only). Immutable; every setter returns a copy.
 * <p>
 * Descriptors are grouped by what their link points to: {@link FdType#SOCKET}, {@link FdType#PIPE},
 * {@link FdType#ANON_INODE} (epoll, eventfd), {@link FdType#FILE} (a path) and {@link FdType#OTHER}. The block runs
 * {@link #warmupRuns(int) once} unchecked first, so that jars opened by class loading on first use are not counted.
 * A leftover descriptor still open after the {@link #gracePeriod(Duration) grace period} (500 ms by default; a passing
 * block does not wait) fails the check. No GC is forced: a stream that is only closed when the garbage collector finds
 * it is a leak. Where {@code /proc/self/fd} is unreadable the block still runs, then the test is aborted (reported as
 * skipped) through a JUnit assumption rather than passing without a check.
 */
public final class FileDescriptorCheck {

	private static final FileDescriptorCheck DEFAULTS = new FileDescriptorCheck(Path.of("/proc/self/fd"),
			Duration.ofMillis(500), 1);

	private static final int PATHS_SHOWN = 10;

	private final Path fdDirectory;

	private final Duration gracePeriod;

	private final int warmupRuns;

	FileDescriptorCheck(Path fdDirectory, Duration gracePeriod, int warmupRuns) {
		this.fdDirectory = fdDirectory;
		this.gracePeriod = gracePeriod;
		this.warmupRuns = warmupRuns;
	}

	/**
	 * Returns the check with the documented defaults.
	 * @return the default check
	 */
	public static FileDescriptorCheck defaults() {
		return DEFAULTS;
	}

	/**
	 * Returns a copy that waits up to this long for descriptors to be closed.
	 * @param gracePeriod at least zero
	 * @return the copy
	 */
	public FileDescriptorCheck gracePeriod(Duration gracePeriod) {
		if (gracePeriod.isNegative()) {
			throw new IllegalArgumentException("gracePeriod must not be negative, got " + gracePeriod);
		}
		return new FileDescriptorCheck(this.fdDirectory, gracePeriod, this.warmupRuns);
	}

	/**
	 * Returns a copy that runs the block this many times unchecked first.
	 * @param warmupRuns at least 0
	 * @return the copy
	 */
	public FileDescriptorCheck warmupRuns(int warmupRuns) {
		if (warmupRuns < 0) {
			throw new IllegalArgumentException("warmupRuns must not be negative, got " + warmupRuns);
		}
		return new FileDescriptorCheck(this.fdDirectory, this.gracePeriod, warmupRuns);
	}

	/**
	 * Runs the block and fails if it leaves more open descriptors of some type behind.
	 * @param block the code under test
	 * @throws AssertionError listing the types that grew and the new descriptors' targets; whatever the block throws
	 * is rethrown unchanged
	 * @throws org.opentest4j.TestAbortedException after running the block, when descriptors cannot be listed here
	 */
	public void assertNoFileDescriptorsLeft(Executable block) {
		Objects.requireNonNull(block, "block");
		for (int i = 0; i < this.warmupRuns; i++) {
			Blocks.run(block);
		}
		Map<Integer, String> before = open();
		Blocks.run(block);
		verify(before);
	}

	/**
	 * Lists the open descriptors and their link targets.
	 * @return descriptor number to target, or {@code null} where {@code /proc/self/fd} cannot be read
	 */
	@Nullable Map<Integer, String> open() {
		Map<Integer, String> open = new TreeMap<>();
		try (DirectoryStream<Path> entries = Files.newDirectoryStream(this.fdDirectory)) {
			for (Path entry : entries) {
				int fd;
				try {
					fd = Integer.parseInt(entry.getFileName().toString());
				}
				catch (NumberFormatException ex) {
					continue;
				}
				try {
					open.put(fd, Files.readSymbolicLink(entry).toString());
				}
				catch (IOException ex) {
					// closed while listing, including the listing's own descriptor
				}
			}
		}
		catch (IOException | UnsupportedOperationException | SecurityException ex) {
			return null;
		}
		open.values().removeIf((target) -> target.matches("/proc/(self|\\d+)/fd"));
		return open;
	}

	/**
	 * Fails if more descriptors of some type are open than in {@code before} after the grace period; aborts the test
	 * if descriptors cannot be listed.
	 * @param before the descriptors open before the code ran, {@code null} if they could not be listed
	 */
	void verify(@Nullable Map<Integer, String> before) {
		if (before == null) {
			Assumptions.abort("file descriptors unavailable: " + this.fdDirectory
					+ " cannot be read (it exists on Linux only); the block ran but its descriptors were not checked");
			return;
		}
		long deadline = System.nanoTime() + this.gracePeriod.toNanos();
		while (true) {
			Map<Integer, String> after = open();
			if (after == null) {
				Assumptions.abort("file descriptors unavailable: " + this.fdDirectory + " stopped being readable");
				return;
			}
			Map<FdType, Integer> grown = grown(count(before), count(after));
			if (grown.isEmpty()) {
				return;
			}
			if (System.nanoTime() >= deadline) {
				throw new AssertionError(message(before, after, grown));
			}
			try {
				Thread.sleep(Math.min(20, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new AssertionError(message(before, after, grown));
			}
		}
	}

	private static Map<FdType, Integer> count(Map<Integer, String> open) {
		Map<FdType, Integer> counts = new EnumMap<>(FdType.class);
		for (String target : open.values()) {
			counts.merge(FdType.classify(target), 1, Integer::sum);
		}
		return counts;
	}

	private static Map<FdType, Integer> grown(Map<FdType, Integer> before, Map<FdType, Integer> after) {
		Map<FdType, Integer> grown = new EnumMap<>(FdType.class);
		after.forEach((type, count) -> {
			int delta = count - before.getOrDefault(type, 0);
			if (delta > 0) {
				grown.put(type, delta);
			}
		});
		return grown;
	}

	private String message(Map<Integer, String> before, Map<Integer, String> after, Map<FdType, Integer> grown) {
		Map<FdType, Integer> beforeCounts = count(before);
		Map<FdType, Integer> afterCounts = count(after);
		StringBuilder message = new StringBuilder(String.format(Locale.ROOT,
				"Open file descriptors left behind by the block (after a grace period of %d ms):%n",
				this.gracePeriod.toMillis()));
		grown.forEach((type, delta) -> {
			message.append(String.format(Locale.ROOT, "  %s: %d -> %d (+%d)%n", type.tag(),
					beforeCounts.getOrDefault(type, 0), afterCounts.getOrDefault(type, 0), delta));
			List<String> fresh = new ArrayList<>();
			after.forEach((fd, target) -> {
				if (FdType.classify(target) == type && !target.equals(before.get(fd))) {
					fresh.add("fd " + fd + " -> " + target);
				}
			});
			fresh.stream().limit(PATHS_SHOWN).forEach((line) -> message.append("      ").append(line).append('\n'));
			if (fresh.size() > PATHS_SHOWN) {
				message.append("      ... ").append(fresh.size() - PATHS_SHOWN).append(" more\n");
			}
		});
		message.append("Close what the block opens (try-with-resources); a stream closed only by the garbage collector"
				+ " still exhausts descriptors under load.");
		return message.toString();
	}

}
