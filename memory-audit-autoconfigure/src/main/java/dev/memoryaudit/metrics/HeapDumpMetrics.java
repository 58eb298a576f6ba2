package dev.memoryaudit.metrics;

import dev.memoryaudit.heapdump.SpikeHeapDumper;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * {@code memory.audit.heapdumps}: heap dumps written by the spike trigger.
 */
public final class HeapDumpMetrics implements MeterBinder {

	private final SpikeHeapDumper dumper;

	public HeapDumpMetrics(SpikeHeapDumper dumper) {
		this.dumper = dumper;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		FunctionCounter.builder("memory.audit.heapdumps", this.dumper, SpikeHeapDumper::dumpCount)
			.description("Heap dumps written by the spike trigger (memory.audit.heapdump.*)")
			.register(registry);
	}

}
