package dev.memoryaudit.snapshot;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

/**
 * A bounded, thread-safe ring that keeps the newest {@code capacity} elements in insertion order.
 *
 * @param <T> the element type
 */
public final class Ring<T> {

	private final Object[] elements;

	private int start;

	private int size;

	public Ring(int capacity) {
		if (capacity < 1) {
			throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
		}
		this.elements = new Object[capacity];
	}

	/**
	 * Adds an element, dropping the oldest one when full.
	 * @param element the element
	 * @return the dropped element, or {@code null}
	 */
	public synchronized @Nullable T add(T element) {
		int capacity = this.elements.length;
		if (this.size < capacity) {
			this.elements[(this.start + this.size) % capacity] = element;
			this.size++;
			return null;
		}
		T dropped = elementAt(0);
		this.elements[this.start] = element;
		this.start = (this.start + 1) % capacity;
		return dropped;
	}

	/**
	 * Returns a copy of the elements, oldest first.
	 * @return the elements
	 */
	public synchronized List<T> toList() {
		List<T> copy = new ArrayList<>(this.size);
		for (int i = 0; i < this.size; i++) {
			copy.add(elementAt(i));
		}
		return copy;
	}

	public synchronized @Nullable T newest() {
		return (this.size != 0) ? elementAt(this.size - 1) : null;
	}

	public synchronized @Nullable T oldest() {
		return (this.size != 0) ? elementAt(0) : null;
	}

	public synchronized @Nullable T find(Predicate<T> predicate) {
		for (int i = this.size - 1; i >= 0; i--) {
			T element = elementAt(i);
			if (predicate.test(element)) {
				return element;
			}
		}
		return null;
	}

	public synchronized int size() {
		return this.size;
	}

	public int capacity() {
		return this.elements.length;
	}

	public synchronized void clear() {
		java.util.Arrays.fill(this.elements, null);
		this.start = 0;
		this.size = 0;
	}

	@SuppressWarnings("unchecked")
	private T elementAt(int index) {
		return (T) this.elements[(this.start + index) % this.elements.length];
	}

}
