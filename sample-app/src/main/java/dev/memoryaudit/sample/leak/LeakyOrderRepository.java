package dev.memoryaudit.sample.leak;

import java.util.ArrayList;
import java.util.List;

/**
 * A static, ever-growing list of {@link LeakyOrder}s: the classic "cache without eviction" leak, rooted in a static field.
 */
public final class LeakyOrderRepository {

	/**
	 * The leak itself. A static field keeps every order reachable until {@link #clear()}; a heap dump shows this field as
	 * the GC root path. Guarded by its own monitor.
	 */
	static final ArrayList<LeakyOrder> ORDERS = new ArrayList<>();

	private LeakyOrderRepository() {
	}

	/**
	 * Retains the given orders forever (or until {@link #clear()}).
	 * @param orders the orders to retain
	 */
	public static void addAll(List<LeakyOrder> orders) {
		synchronized (ORDERS) {
			ORDERS.addAll(orders);
		}
	}

	/**
	 * Returns how many orders are currently retained.
	 * @return the number of retained orders
	 */
	public static int size() {
		synchronized (ORDERS) {
			return ORDERS.size();
		}
	}

	/**
	 * Releases every retained order, including the list's backing array.
	 * @return the number of orders released
	 */
	public static int clear() {
		synchronized (ORDERS) {
			int released = ORDERS.size();
			ORDERS.clear();
			ORDERS.trimToSize();
			return released;
		}
	}

}
