package dev.memoryaudit.test;

import java.util.Objects;

import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.function.ThrowingConsumer;
import org.junit.jupiter.api.function.ThrowingSupplier;

/**
 * Static entry points of the leak harness with documented defaults; {@link LeakCheck}, {@link ThreadCheck} and
 * {@link FileDescriptorCheck} configure them.
 */
public final class LeakAssertions {

	private LeakAssertions() {
	}

	/**
	 * Runs the block under {@link LeakCheck#defaults()} and fails if the live set grows by more than 32 bytes per
	 * iteration with significance.
	 * @param block the code to repeat
	 * @return the report of the passing check
	 * @throws AssertionError if a leak is suspected
	 */
	public static LeakReport assertNoLeak(Executable block) {
		return LeakCheck.defaults().assertNoLeak(block);
	}

	/**
	 * Starts watching an object; drop your references to it, then call {@link CollectableWatch#assertCollected()}.
	 * @param object the object that should become collectable
	 * @return the watch
	 */
	public static CollectableWatch watch(Object object) {
		return new CollectableWatch(Objects.requireNonNull(object, "object"));
	}

	/**
	 * Creates an object, lets its owner release it, and asserts that it becomes collectable; only the harness's weak
	 * reference is left when the release returns, so anything else that still holds it is a leak.
	 * @param <T> the type of the object
	 * @param create creates (and typically registers or uses) the object
	 * @param release the owner lets go, for example {@code Component::close}
	 * @throws AssertionError if the object is still strongly reachable after {@value CollectableWatch#DEFAULT_ATTEMPTS}
	 * full GCs
	 */
	public static <T> void assertCollectableAfter(ThrowingSupplier<T> create, ThrowingConsumer<? super T> release) {
		watchReleased(create, release).assertCollected();
	}

	/**
	 * Creates an object and asserts that it becomes collectable once the supplier's scope is gone.
	 * @param create creates the object
	 * @throws AssertionError if the object is still strongly reachable after {@value CollectableWatch#DEFAULT_ATTEMPTS}
	 * full GCs
	 */
	public static void assertCollectable(ThrowingSupplier<?> create) {
		assertCollectableAfter(create, (object) -> {
		});
	}

	private static <T> CollectableWatch watchReleased(ThrowingSupplier<T> create, ThrowingConsumer<? super T> release) {
		T[] holder = newHolder();
		Blocks.run(() -> holder[0] = create.get());
		CollectableWatch watch = watch(Objects.requireNonNull(holder[0], "create returned null"));
		Blocks.run(() -> release.accept(holder[0]));
		holder[0] = null;
		return watch;
	}

	@SuppressWarnings("unchecked")
	private static <T> T[] newHolder() {
		return (T[]) new Object[1];
	}

	/**
	 * Runs the block under {@link ThreadCheck#defaults()}: fails if it leaves new live threads behind.
	 * @param block the code under test
	 * @throws AssertionError listing the leftover threads by name pattern
	 */
	public static void assertNoThreadsLeft(Executable block) {
		ThreadCheck.defaults().assertNoThreadsLeft(block);
	}

	/**
	 * Runs the block under {@link FileDescriptorCheck#defaults()}: fails if it leaves more open file descriptors of
	 * some type behind; aborts the test (skipped) where {@code /proc/self/fd} does not exist.
	 * @param block the code under test
	 * @throws AssertionError listing the descriptor types that grew and the new descriptors' targets
	 */
	public static void assertNoFileDescriptorsLeft(Executable block) {
		FileDescriptorCheck.defaults().assertNoFileDescriptorsLeft(block);
	}

}
