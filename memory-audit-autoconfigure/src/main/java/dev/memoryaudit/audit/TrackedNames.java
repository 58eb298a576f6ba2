package dev.memoryaudit.audit;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A bounded set of names that get a series and tagged meters, so that cardinality cannot explode: names are admitted
 * in order of arrival while there is room, dropped when they are no longer present, and the rest are counted as
 * untracked.
 */
public final class TrackedNames {

	private final int limit;

	private final Set<String> names = new LinkedHashSet<>();

	private int untracked;

	public TrackedNames(int limit) {
		if (limit < 0) {
			throw new IllegalArgumentException("limit must not be negative, was " + limit);
		}
		this.limit = limit;
	}

	/**
	 * Updates the tracked set from the names present now.
	 * @param present the names present now, in priority order
	 * @return the names tracked now
	 */
	public synchronized Set<String> update(Collection<String> present) {
		Set<String> now = new LinkedHashSet<>(present);
		this.names.retainAll(now);
		int dropped = 0;
		for (String name : now) {
			if (this.names.contains(name)) {
				continue;
			}
			if (this.names.size() < this.limit) {
				this.names.add(name);
			}
			else {
				dropped++;
			}
		}
		this.untracked = dropped;
		return Set.copyOf(this.names);
	}

	public synchronized boolean contains(String name) {
		return this.names.contains(name);
	}

	/**
	 * Names present at the last update that did not fit.
	 * @return how many
	 */
	public synchronized int untracked() {
		return this.untracked;
	}

	public int limit() {
		return this.limit;
	}

}
