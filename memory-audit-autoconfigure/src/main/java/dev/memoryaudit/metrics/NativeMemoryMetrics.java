package dev.memoryaudit.metrics;

import dev.memoryaudit.nativememory.NativeMemory;
import dev.memoryaudit.nativememory.NativeMemoryTracking;
import dev.memoryaudit.nativememory.NmtSummary;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

/**
 * Gauges {@code memory.audit.rss}, {@code memory.audit.native.unaccounted} and, when Native Memory Tracking is on,
 * {@code memory.audit.native.committed} by NMT {@code category} (from the latest snapshot tick).
 */
public final class NativeMemoryMetrics implements MeterBinder {

	private final NativeMemory nativeMemory;

	private final @Nullable NativeMemoryTracking tracking;

	/**
	 * Creates the binder.
	 * @param nativeMemory the native-memory calculator
	 * @param tracking NMT, or {@code null}
	 */
	public NativeMemoryMetrics(NativeMemory nativeMemory, @Nullable NativeMemoryTracking tracking) {
		this.nativeMemory = nativeMemory;
		this.tracking = tracking;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		if (this.nativeMemory.rss() != null) {
			Gauge.builder("memory.audit.rss", this.nativeMemory, NativeMemoryMetrics::rss)
				.baseUnit(BaseUnits.BYTES)
				.description("Resident set size of the process, from /proc/self/status")
				.register(registry);
			Gauge.builder("memory.audit.native.unaccounted", this.nativeMemory, NativeMemoryMetrics::unaccounted)
				.baseUnit(BaseUnits.BYTES)
				.description("RSS minus what the JVM accounts for: NMT committed total when NMT is on, else heap and "
						+ "non-heap committed plus direct and mapped buffers")
				.register(registry);
		}
		NativeMemoryTracking nmt = this.tracking;
		NmtSummary summary = (nmt != null && nmt.isEnabled()) ? nmt.latest() : null;
		if (summary != null) {
			for (String category : summary.committedByCategory().keySet()) {
				Gauge.builder("memory.audit.native.committed", nmt, (t) -> committed(t, category))
					.tag("category", category)
					.baseUnit(BaseUnits.BYTES)
					.description("Committed bytes of a Native Memory Tracking category at the last snapshot tick")
					.register(registry);
			}
		}
	}

	private static double rss(NativeMemory nativeMemory) {
		Long rss = nativeMemory.rss();
		return (rss != null) ? rss : Double.NaN;
	}

	private static double unaccounted(NativeMemory nativeMemory) {
		NativeMemory.Figures figures = nativeMemory.figures();
		return (figures != null) ? figures.unaccountedBytes() : Double.NaN;
	}

	private static double committed(NativeMemoryTracking tracking, String category) {
		NmtSummary summary = tracking.latest();
		Long bytes = (summary != null) ? summary.committedByCategory().get(category) : null;
		return (bytes != null) ? bytes : Double.NaN;
	}

}
