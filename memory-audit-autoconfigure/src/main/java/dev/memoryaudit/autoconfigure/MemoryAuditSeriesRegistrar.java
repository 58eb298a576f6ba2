package dev.memoryaudit.autoconfigure;

import java.nio.file.Files;

import dev.memoryaudit.fd.FdTypeReader;
import dev.memoryaudit.fd.FdTypeSampler;
import dev.memoryaudit.nativememory.DiagnosticCommandNmtSource;
import dev.memoryaudit.nativememory.NativeMemoryTracking;
import dev.memoryaudit.nativememory.NmtSummary;
import dev.memoryaudit.trend.SeriesDefinition;

import org.springframework.beans.factory.BeanRegistrar;
import org.springframework.beans.factory.BeanRegistry;
import org.springframework.core.env.Environment;

/**
 * Registers one {@link SeriesDefinition} bean per descriptor type (where {@code /proc/self/fd} exists) and per Native
 * Memory Tracking category (where NMT is on), so their growth joins the trend report; the categories are known only
 * at runtime, hence a registrar instead of {@code @Bean} methods.
 */
final class MemoryAuditSeriesRegistrar implements BeanRegistrar {

	private static final double NMT_MIN_GROWTH = 4 * 1024 * 1024;

	@Override
	public void register(BeanRegistry registry, Environment env) {
		if (env.getProperty("memory.audit.fd.by-type", Boolean.class, true)
				&& Files.isDirectory(FdTypeReader.PROC_SELF_FD)) {
			for (SeriesDefinition definition : FdTypeSampler.seriesDefinitions()) {
				register(registry, definition);
			}
		}
		NmtSummary nmt = new NativeMemoryTracking(new DiagnosticCommandNmtSource()).latest();
		if (nmt != null) {
			register(registry, SeriesDefinition.extra(NativeMemoryTracking.TOTAL_SERIES, "bytes", NMT_MIN_GROWTH));
			for (String category : nmt.committedByCategory().keySet()) {
				register(registry, SeriesDefinition.extra(NativeMemoryTracking.SERIES_PREFIX + category, "bytes",
						NMT_MIN_GROWTH));
			}
		}
	}

	private static void register(BeanRegistry registry, SeriesDefinition definition) {
		registry.registerBean("memoryAuditSeries." + definition.name(), SeriesDefinition.class,
				(spec) -> spec.supplier((context) -> definition));
	}

}
