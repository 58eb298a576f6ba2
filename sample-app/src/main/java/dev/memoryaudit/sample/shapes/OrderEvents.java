package dev.memoryaudit.sample.shapes;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A static listener registry that nobody unregisters from: the listener-list leak.
 */
public final class OrderEvents {

	static final List<OrderListener> LISTENERS = new CopyOnWriteArrayList<>();

	private OrderEvents() {
	}

	static void register(Collection<OrderListener> listeners) {
		LISTENERS.addAll(listeners);
	}

	static int size() {
		return LISTENERS.size();
	}

	static void clear() {
		LISTENERS.clear();
	}

}
