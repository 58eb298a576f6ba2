package dev.memoryaudit.snapshot;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link Ring}.
 */
class RingTests {

	@Test
	void keepsTheNewestElementsInOrder() {
		Ring<Integer> ring = new Ring<>(3);
		for (int i = 1; i <= 5; i++) {
			ring.add(i);
		}
		assertThat(ring.toList()).containsExactly(3, 4, 5);
		assertThat(ring.oldest()).isEqualTo(3);
		assertThat(ring.newest()).isEqualTo(5);
		assertThat(ring.size()).isEqualTo(3);
	}

	@Test
	void addReturnsTheDroppedElement() {
		Ring<String> ring = new Ring<>(2);
		assertThat(ring.add("a")).isNull();
		assertThat(ring.add("b")).isNull();
		assertThat(ring.add("c")).isEqualTo("a");
	}

	@Test
	void findSearchesNewestFirst() {
		Ring<Integer> ring = new Ring<>(4);
		ring.add(1);
		ring.add(12);
		ring.add(13);
		assertThat(ring.find((i) -> i > 10)).isEqualTo(13);
		assertThat(ring.find((i) -> i > 100)).isNull();
	}

	@Test
	void rejectsNonPositiveCapacity() {
		assertThatIllegalArgumentException().isThrownBy(() -> new Ring<>(0)).withMessageContaining("at least 1");
	}

}
