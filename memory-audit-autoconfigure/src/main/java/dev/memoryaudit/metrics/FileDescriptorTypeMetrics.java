package dev.memoryaudit.metrics;

import dev.memoryaudit.fd.FdCensus;
import dev.memoryaudit.fd.FdType;
import dev.memoryaudit.fd.FdTypeSampler;
import dev.memoryaudit.snapshot.ProcessProbe;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

/**
 * Gauges {@code memory.audit.fd.open} by {@code type} (from the census of the latest snapshot tick, never read per
 * scrape), {@code memory.audit.fd.truncated} and {@code memory.audit.fd.usage} (open / max). Totals stay with
 * Micrometer's {@code process.files.open} and {@code process.files.max}.
 */
public final class FileDescriptorTypeMetrics implements MeterBinder {

	private final @Nullable FdTypeSampler sampler;

	private final ProcessProbe probe;

	/**
	 * Creates the binder.
	 * @param sampler the census sampler, or {@code null} where {@code /proc} is missing
	 * @param probe the process probe for open and maximum descriptors
	 */
	public FileDescriptorTypeMetrics(@Nullable FdTypeSampler sampler, ProcessProbe probe) {
		this.sampler = sampler;
		this.probe = probe;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		FdTypeSampler census = this.sampler;
		if (census != null && census.reader().isAvailable()) {
			for (FdType type : FdType.values()) {
				Gauge.builder("memory.audit.fd.open", census, (s) -> count(s, type))
					.tag("type", type.tag())
					.baseUnit(BaseUnits.FILES)
					.description("Open file descriptors of this type at the last snapshot tick, from /proc/self/fd")
					.register(registry);
			}
			Gauge.builder("memory.audit.fd.truncated", census, FileDescriptorTypeMetrics::truncated)
				.description("1 when the read cap or time budget cut the last descriptor census short, else 0")
				.register(registry);
		}
		if (this.probe.openFileDescriptors() != null && this.probe.maxFileDescriptors() != null) {
			Gauge.builder("memory.audit.fd.usage", this.probe, FileDescriptorTypeMetrics::usage)
				.baseUnit("ratio")
				.description("Open file descriptors as a fraction of the maximum (0..1)")
				.register(registry);
		}
	}

	private static double count(FdTypeSampler sampler, FdType type) {
		FdCensus census = sampler.latest();
		return (census != null) ? census.count(type) : Double.NaN;
	}

	private static double truncated(FdTypeSampler sampler) {
		FdCensus census = sampler.latest();
		return (census == null) ? Double.NaN : census.truncated() ? 1 : 0;
	}

	static double usage(ProcessProbe probe) {
		Long open = probe.openFileDescriptors();
		Long max = probe.maxFileDescriptors();
		return (open != null && max != null && max > 0) ? (double) open / max : Double.NaN;
	}

}
