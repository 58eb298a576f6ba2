package dev.memoryaudit.test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.RepeatedTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A listener registered with a long-lived event source and never removed: caught both by {@link LeakCheck} (the live
 * set grows) and by {@link CollectableWatch} (the component stays reachable after close).
 */
class ListenerLeakTests {

	private static final EventSource EVENTS = new EventSource();

	@AfterEach
	void clear() {
		EVENTS.clear();
	}

	@RepeatedTest(20)
	void listenerNeverRemovedFailsLeakCheck() {
		assertThatThrownBy(() -> LeakCheck.defaults().assertNoLeak(() -> new LeakyComponent(EVENTS).close()))
			.isInstanceOf(AssertionError.class)
			.hasMessageContaining("Leak suspected")
			.hasMessageContaining(LeakyComponent.class.getName());
	}

	@RepeatedTest(20)
	void listenerRemovedOnClosePassesLeakCheck() {
		LeakReport report = LeakCheck.defaults().assertNoLeak(() -> new FixedComponent(EVENTS).close());
		assertThat(report.leakSuspected()).isFalse();
		assertThat(EVENTS.size()).isZero();
	}

	@RepeatedTest(20)
	void listenerNeverRemovedKeepsComponentReachable() {
		assertThatThrownBy(
				() -> LeakAssertions.assertCollectableAfter(() -> new LeakyComponent(EVENTS), LeakyComponent::close))
			.isInstanceOf(AssertionError.class)
			.hasMessageContaining("Expected " + LeakyComponent.class.getName() + "@")
			.hasMessageContaining("still strongly reachable after 5 full GCs")
			.hasMessageContaining("Live instances of " + LeakyComponent.class.getName() + ": 1 ");
	}

	@RepeatedTest(20)
	void listenerRemovedOnCloseLetsComponentBeCollected() {
		LeakAssertions.assertCollectableAfter(() -> new FixedComponent(EVENTS), FixedComponent::close);
	}

	@RepeatedTest(20)
	void watchedComponentIsCollectedOnceTheTestDropsIt() {
		FixedComponent component = new FixedComponent(EVENTS);
		CollectableWatch watch = LeakAssertions.watch(component);
		component.close();
		component = null;
		watch.assertCollected();
		assertThat(watch.isCollected()).isTrue();
	}

	/** A long-lived event source, like an application event bus. */
	static final class EventSource {

		private final List<Consumer<String>> listeners = new ArrayList<>();

		synchronized void add(Consumer<String> listener) {
			this.listeners.add(listener);
		}

		synchronized void remove(Consumer<String> listener) {
			this.listeners.remove(listener);
		}

		synchronized int size() {
			return this.listeners.size();
		}

		synchronized void clear() {
			this.listeners.clear();
			((ArrayList<?>) this.listeners).trimToSize();
		}

	}

	/** Subscribes in its constructor and forgets to unsubscribe. */
	static final class LeakyComponent implements AutoCloseable {

		private final byte[] state = new byte[64];

		LeakyComponent(EventSource events) {
			events.add(this::onEvent);
		}

		private void onEvent(String event) {
			this.state[0]++;
		}

		@Override
		public void close() {
		}

	}

	/** Subscribes in its constructor and unsubscribes on close. */
	static final class FixedComponent implements AutoCloseable {

		private final byte[] state = new byte[64];

		private final EventSource events;

		private final Consumer<String> listener = this::onEvent;

		FixedComponent(EventSource events) {
			this.events = events;
			events.add(this.listener);
		}

		private void onEvent(String event) {
			this.state[0]++;
		}

		@Override
		public void close() {
			this.events.remove(this.listener);
		}

	}

}
