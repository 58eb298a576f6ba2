package dev.memoryaudit.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.memoryaudit.trend.SeriesAssessment;
import org.jspecify.annotations.Nullable;

/**
 * Turns what was read, and the size trend, into findings that say what to change. A bounded structure is at most
 * NEAR_CAPACITY however it grows: a cache filling to its cap is working as configured.
 */
public final class FindingRules {

	private final double nearCapacity;

	public FindingRules(double nearCapacity) {
		this.nearCapacity = nearCapacity;
	}

	/**
	 * The findings on one structure.
	 * @param structure what was read
	 * @param trend its size trend, {@code null} when not tracked
	 * @return the findings, empty when all is well
	 */
	public List<Finding> findings(AuditedStructure structure, @Nullable SeriesAssessment trend) {
		List<Finding> findings = new ArrayList<>();
		String name = structure.name();
		String kind = structure.kind().value();
		if (structure.unreadable() != null) {
			findings.add(new Finding(name, kind, Severity.UNREADABLE, "could not be read: " + structure.unreadable(),
					"check the bean; the other structures were audited"));
			return findings;
		}
		boolean unbounded = structure.bound() == Bound.UNBOUNDED;
		if (unbounded && !structure.unboundedByDesign()) {
			switch (structure.kind()) {
				case CACHE -> {
					if (!structure.expiring()) {
						findings.add(new Finding(name, kind, Severity.UNBOUNDED,
								structure.implementation() + " has no size bound and no expiry",
								"use a cache with a bound: e.g. Caffeine with maximumSize (or maximumWeight) and "
										+ "expireAfterWrite, instead of a ConcurrentMapCache"));
					}
				}
				case EXECUTOR -> findings.add(new Finding(name, kind, Severity.UNBOUNDED_QUEUE,
						"work queue " + structure.details().get("queueType") + " has no capacity limit",
						"give the executor a bounded queue (queueCapacity) and a rejection policy such as "
								+ "CallerRunsPolicy"));
				case COLLECTION -> findings.add(new Finding(name, kind, Severity.UNBOUNDED,
						"registered without a cap",
						"bound it (an evicting cache with maximumSize, or remove entries when done) and declare "
								+ "the cap when registering"));
			}
		}
		if (structure.threads() == Bound.UNBOUNDED) {
			findings.add(new Finding(name, kind, Severity.UNBOUNDED_POOL, poolMessage(structure),
					"set a maximum pool size (or a concurrency limit) well below Integer.MAX_VALUE"));
		}
		Double fill = structure.fill();
		if (fill != null && fill >= this.nearCapacity) {
			findings.add(new Finding(name, kind, Severity.NEAR_CAPACITY,
					String.format(Locale.ROOT, "%d of %d %s (%.0f%%, threshold %.0f%%)", structure.size(),
							structure.capacity(), structure.unit(), fill * 100, this.nearCapacity * 100),
					(structure.kind() == StructureKind.EXECUTOR)
							? "add threads or capacity, or slow producers down: tasks will be rejected at the bound"
							: "working as configured if evictions are expected; otherwise raise the bound or "
									+ "shorten expiry"));
		}
		boolean bounded = structure.bound() == Bound.BOUNDED;
		if (!bounded && trend != null && trend.verdict().isGrowth()) {
			findings.add(new Finding(name, kind, Severity.GROWING,
					structure.unit() + " grew from " + whole(trend.first()) + " to " + whole(trend.last()) + ": "
							+ trend.reason(),
					(structure.kind() == StructureKind.EXECUTOR)
							? "tasks arrive faster than they complete: bound the queue and add a rejection policy"
							: "entries are added and never removed: bound it or evict"));
		}
		return findings;
	}

	/**
	 * The finding on a thread group, if growing.
	 * @param pattern the thread-name pattern
	 * @param trend its count trend
	 * @return the finding, {@code null} when not growing
	 */
	public @Nullable Finding threadGroup(String pattern, @Nullable SeriesAssessment trend) {
		if (trend == null || !trend.verdict().isGrowth()) {
			return null;
		}
		return new Finding(pattern, "thread-group", Severity.THREAD_GROUP_GROWING,
				"live threads grew from " + whole(trend.first()) + " to " + whole(trend.last()) + ": "
						+ trend.reason(),
				"an executor is probably created per request or task and never shut down: share one executor "
						+ "bean, or shut it down (try-with-resources on Java 19+)");
	}

	private static String poolMessage(AuditedStructure structure) {
		Object limit = structure.details().get("concurrencyLimit");
		if (limit != null) {
			return "one new thread per task with no concurrency limit";
		}
		return "maximum pool size is Integer.MAX_VALUE";
	}

	private static String whole(@Nullable Double value) {
		return (value != null) ? String.valueOf(Math.round(value)) : "?";
	}

}
