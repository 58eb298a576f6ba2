package dev.memoryaudit.audit;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Counts live threads by name pattern, digits folded to {@code *} ({@code pool-3-thread-1} becomes
 * {@code pool-*-thread-*}), so that an executor created per request and never shut down shows as one growing group.
 * Reads names with {@link ThreadMXBean#getThreadInfo(long[])}, which takes no stack traces.
 */
public final class ThreadCensus {

	private static final Pattern DIGITS = Pattern.compile("[0-9]+");

	private final ThreadMXBean threads;

	public ThreadCensus() {
		this(ManagementFactory.getThreadMXBean());
	}

	ThreadCensus(ThreadMXBean threads) {
		this.threads = threads;
	}

	/**
	 * Counts the live threads per pattern.
	 * @return counts keyed by pattern, sorted by pattern
	 */
	public Map<String, Integer> count() {
		Map<String, Integer> counts = new TreeMap<>();
		for (ThreadInfo info : this.threads.getThreadInfo(this.threads.getAllThreadIds())) {
			if (info != null) {
				counts.merge(pattern(info.getThreadName()), 1, Integer::sum);
			}
		}
		return counts;
	}

	/**
	 * The pattern of a thread name: every run of digits replaced by {@code *}.
	 * @param threadName the name
	 * @return the pattern
	 */
	public static String pattern(String threadName) {
		return DIGITS.matcher(threadName).replaceAll("*");
	}

}
