package dev.memoryaudit.test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.memoryaudit.audit.ThreadCensus;
import org.junit.jupiter.api.function.Executable;

/**
 * Fails when a block leaves new live threads behind, grouped by name pattern with digits folded
 * ({@code pool-3-thread-1} is reported as {@code pool-*-thread-*}). Immutable; every setter returns a copy.
 * <p>
 * The block first runs {@link #warmupRuns(int) once} unchecked so that lazily started shared threads (a client's
 * selector, a cleaner) are not counted; then the live threads are recorded, the block runs again, and every thread
 * alive afterwards that was not alive before is a leftover unless it ends within the {@link #gracePeriod(Duration)
 * grace period} (500 ms by default; a passing block does not wait). {@code ForkJoinPool.commonPool-worker-*} threads
 * are ignored by default: the JVM owns them and retires them on its own. Threads started by other tests running in
 * parallel are counted too.
 */
public final class ThreadCheck {

	private static final ThreadCheck DEFAULTS = new ThreadCheck(Duration.ofMillis(500), 1,
			List.of("ForkJoinPool.commonPool-worker-*"));


	private static final int FRAMES_SHOWN = 8;

	private final Duration gracePeriod;

	private final int warmupRuns;

	private final List<String> ignored;

	private ThreadCheck(Duration gracePeriod, int warmupRuns, List<String> ignored) {
		this.gracePeriod = gracePeriod;
		this.warmupRuns = warmupRuns;
		this.ignored = List.copyOf(ignored);
	}

	/**
	 * Returns the check with the documented defaults.
	 * @return the default check
	 */
	public static ThreadCheck defaults() {
		return DEFAULTS;
	}

	/**
	 * Returns a copy that waits up to this long for new threads to end.
	 * @param gracePeriod at least zero
	 * @return the copy
	 */
	public ThreadCheck gracePeriod(Duration gracePeriod) {
		if (gracePeriod.isNegative()) {
			throw new IllegalArgumentException("gracePeriod must not be negative, got " + gracePeriod);
		}
		return new ThreadCheck(gracePeriod, this.warmupRuns, this.ignored);
	}

	/**
	 * Returns a copy that runs the block this many times unchecked first.
	 * @param warmupRuns at least 0
	 * @return the copy
	 */
	public ThreadCheck warmupRuns(int warmupRuns) {
		if (warmupRuns < 0) {
			throw new IllegalArgumentException("warmupRuns must not be negative, got " + warmupRuns);
		}
		return new ThreadCheck(this.gracePeriod, warmupRuns, this.ignored);
	}

	/**
	 * Returns a copy that also ignores threads whose name matches one of the patterns ({@code *} matches any run of
	 * characters, for example {@code "my-scheduler-*"}).
	 * @param namePatterns the patterns
	 * @return the copy
	 */
	public ThreadCheck ignoring(String... namePatterns) {
		List<String> all = new ArrayList<>(this.ignored);
		all.addAll(Arrays.asList(namePatterns));
		return new ThreadCheck(this.gracePeriod, this.warmupRuns, all);
	}

	/**
	 * Runs the block and fails if it leaves new live threads behind.
	 * @param block the code under test
	 * @throws AssertionError listing the leftover threads by name pattern, with the stack of one of each; whatever
	 * the block throws is rethrown unchanged
	 */
	public void assertNoThreadsLeft(Executable block) {
		Objects.requireNonNull(block, "block");
		for (int i = 0; i < this.warmupRuns; i++) {
			Blocks.run(block);
		}
		Set<Thread> before = liveThreads();
		Blocks.run(block);
		verify(before);
	}

	/**
	 * Records the live threads, for {@link #verify(Set)} after code ran.
	 * @return the live threads, compared by identity
	 */
	static Set<Thread> liveThreads() {
		Set<Thread> threads = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
		threads.addAll(Thread.getAllStackTraces().keySet());
		return threads;
	}

	/**
	 * Fails if threads not in {@code before} are still alive after the grace period.
	 * @param before the threads alive before the code ran
	 */
	void verify(Set<Thread> before) {
		long deadline = System.nanoTime() + this.gracePeriod.toNanos();
		List<Thread> leftovers = leftovers(before);
		while (!leftovers.isEmpty() && System.nanoTime() < deadline) {
			Thread first = leftovers.get(0);
			try {
				first.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
			leftovers = leftovers(before);
		}
		if (!leftovers.isEmpty()) {
			throw new AssertionError(message(leftovers));
		}
	}

	private List<Thread> leftovers(Set<Thread> before) {
		List<Thread> leftovers = new ArrayList<>();
		for (Thread thread : Thread.getAllStackTraces().keySet()) {
			if (!before.contains(thread) && thread.isAlive() && !isIgnored(thread.getName())) {
				leftovers.add(thread);
			}
		}
		return leftovers;
	}

	private boolean isIgnored(String name) {
		for (String pattern : this.ignored) {
			if (glob(pattern).matcher(name).matches()) {
				return true;
			}
		}
		return false;
	}

	private static Pattern glob(String pattern) {
		return Pattern.compile(Arrays.stream(pattern.split("\\*", -1)).map(Pattern::quote).collect(Collectors.joining(".*")));
	}

	private String message(List<Thread> leftovers) {
		Map<String, List<Thread>> groups = new TreeMap<>();
		for (Thread thread : leftovers) {
			groups.computeIfAbsent(ThreadCensus.pattern(thread.getName()), (k) -> new ArrayList<>()).add(thread);
		}
		StringBuilder message = new StringBuilder(String.format(Locale.ROOT,
				"%d new live thread(s) left behind by the block (after a grace period of %d ms):%n", leftovers.size(),
				this.gracePeriod.toMillis()));
		groups.forEach((pattern, threads) -> {
			Thread example = threads.get(0);
			message.append(String.format(Locale.ROOT, "  %s: %d new (%s)%n", pattern, threads.size(),
					threads.stream().limit(5).map(Thread::getName).collect(Collectors.joining(", "))
							+ ((threads.size() > 5) ? ", ..." : "")));
			message.append(String.format(Locale.ROOT, "    e.g. \"%s\" %s%s, stack:%n", example.getName(),
					example.getState(), example.isDaemon() ? " daemon" : ""));
			StackTraceElement[] stack = example.getStackTrace();
			for (int i = 0; i < Math.min(FRAMES_SHOWN, stack.length); i++) {
				message.append("      at ").append(stack[i]).append('\n');
			}
			if (stack.length > FRAMES_SHOWN) {
				message.append("      ... ").append(stack.length - FRAMES_SHOWN).append(" more\n");
			}
		});
		message.append("Shut down what started them (ExecutorService.shutdown() + awaitTermination, close()),"
				+ " or ignore a shared thread with ThreadCheck.defaults().ignoring(\"name-*\").");
		return message.toString();
	}

}
