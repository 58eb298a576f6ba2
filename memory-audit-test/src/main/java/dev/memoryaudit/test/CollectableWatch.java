package dev.memoryaudit.test;

import java.lang.ref.WeakReference;
import java.util.Locale;

import dev.memoryaudit.histogram.ClassHistogram;
import dev.memoryaudit.histogram.ClassHistogramEntry;
import dev.memoryaudit.histogram.HistogramCapture;
import dev.memoryaudit.histogram.HistogramCapturer;

/**
 * Watches one object through a weak reference and asserts that it becomes collectable once its owner lets go: the
 * LeakCanary idea for the JVM. Create it with {@link LeakAssertions#watch(Object)}, drop every reference you hold
 * (including local variables: set them to {@code null}), then call {@link #assertCollected()}.
 */
public final class CollectableWatch {

	/** Full collections tried before failing, by default. */
	public static final int DEFAULT_ATTEMPTS = 5;

	private final WeakReference<Object> reference;

	private final String description;

	private final String className;

	CollectableWatch(Object object) {
		this.reference = new WeakReference<>(object);
		this.className = object.getClass().getName();
		this.description = this.className + "@" + Integer.toHexString(System.identityHashCode(object));
	}

	/**
	 * Returns whether the object has been collected already, without forcing a GC.
	 * @return {@code true} once the weak reference is cleared
	 */
	public boolean isCollected() {
		return this.reference.get() == null;
	}

	/**
	 * Asserts that the object is collected within {@value #DEFAULT_ATTEMPTS} full GCs.
	 * @throws AssertionError if it is still strongly reachable
	 */
	public void assertCollected() {
		assertCollected(DEFAULT_ATTEMPTS);
	}

	/**
	 * Asserts that the object is collected within the given number of full GCs; between them finalizers and cleaners
	 * get a short, growing pause (20 ms times the attempt) to run, since an object reachable from a pending finalizer
	 * is only freed by a later collection.
	 * @param attempts full GCs to try, at least 1
	 * @throws AssertionError if it is still strongly reachable, with the number of live instances of its class
	 */
	@SuppressWarnings({ "deprecation", "removal" })
	public void assertCollected(int attempts) {
		if (attempts < 1) {
			throw new IllegalArgumentException("attempts must be at least 1, got " + attempts);
		}
		long start = System.nanoTime();
		FullGc gc = new FullGc();
		for (int attempt = 1; attempt <= attempts && !isCollected(); attempt++) {
			gc.collect();
			if (isCollected()) {
				return;
			}
			System.runFinalization();
			try {
				Thread.sleep(20L * attempt);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		if (isCollected()) {
			return;
		}
		throw new AssertionError(String.format(Locale.ROOT,
				"Expected %s to be collectable after its owner let go, but it is still strongly reachable after %d full"
						+ " GCs via %s (%d ms).%n%s%nSomething still references it: a static collection, a listener or"
						+ " callback registry, a ThreadLocal of a pooled thread, a cache, or a local variable of the test"
						+ " itself (set it to null). To see the path from a GC root, take a heap dump"
						+ " (HotSpotDiagnosticMXBean.dumpHeap or jcmd <pid> GC.heap_dump) and open it in Eclipse MAT:"
						+ " Path to GC Roots, excluding weak references.",
				this.description, gc.count(), gc.method(), (System.nanoTime() - start) / 1_000_000, instances()));
	}

	private String instances() {
		HistogramCapture capture = new HistogramCapturer(Integer.MAX_VALUE).capture(true);
		ClassHistogram histogram = capture.histogram();
		if (histogram == null) {
			return "Live instances of " + this.className + ": unknown (" + capture.unavailableReason() + ")";
		}
		ClassHistogramEntry entry = histogram.entriesByClassName().get(this.className);
		return String.format(Locale.ROOT, "Live instances of %s: %,d (%,d bytes shallow).", this.className,
				(entry != null) ? entry.instances() : 0, (entry != null) ? entry.bytes() : 0);
	}

	@Override
	public String toString() {
		return "CollectableWatch[" + this.description + (isCollected() ? ", collected]" : "]");
	}

}
