package dev.memoryaudit.metrics;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import dev.memoryaudit.fd.FdTypeReader;
import dev.memoryaudit.fd.FdTypeSampler;
import dev.memoryaudit.lag.LagMonitor;
import dev.memoryaudit.nativememory.NativeMemory;
import dev.memoryaudit.nativememory.NativeMemoryTracking;
import dev.memoryaudit.snapshot.FixedProcessProbe;
import dev.memoryaudit.snapshot.PlatformProcessProbe;
import dev.memoryaudit.snapshot.ProcessProbe;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

class MeterBindersTests {

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	@Test
	@EnabledOnOs(OS.LINUX)
	void fdMetersReadTheCensusWithTypeTagsAndUsage() {
		FdTypeSampler sampler = new FdTypeSampler(
				new FdTypeReader(FdTypeReader.PROC_SELF_FD, 10_000, Duration.ofSeconds(1), Clock.systemUTC()));
		new FileDescriptorTypeMetrics(sampler, new PlatformProcessProbe()).bindTo(this.registry);
		assertThat(this.registry.find("memory.audit.fd.open").gauges()).hasSize(5);
		assertThat(this.registry.get("memory.audit.fd.open").tag("type", "file").gauge().value()).isPositive();
		assertThat(this.registry.get("memory.audit.fd.open").tag("type", "file").gauge().getId().getBaseUnit())
			.isEqualTo("files");
		double usage = this.registry.get("memory.audit.fd.usage").gauge().value();
		assertThat(usage).isGreaterThan(0).isLessThan(1);
		assertThat(this.registry.get("memory.audit.fd.truncated").gauge().value()).isZero();
		assertThat(this.registry.getMeters()).allSatisfy((meter) -> assertThat(meter.getId().getDescription()).isNotBlank());
	}

	@Test
	void missingProcAndUnixMxBeanLeaveFdMetersAbsent() {
		FdTypeSampler sampler = new FdTypeSampler(new FdTypeReader(Path.of("/no/such/proc/self/fd"), 10,
				Duration.ofSeconds(1), Clock.systemUTC()));
		assertThatNoException()
			.isThrownBy(() -> new FileDescriptorTypeMetrics(sampler, nothing()).bindTo(this.registry));
		assertThatNoException().isThrownBy(() -> new FileDescriptorTypeMetrics(null, nothing()).bindTo(this.registry));
		assertThat(this.registry.getMeters()).isEmpty();
	}

	@Test
	void missingRssAndNmtLeaveNativeMetersAbsent() {
		NativeMemoryTracking off = new NativeMemoryTracking(() -> "Native memory tracking is not enabled");
		assertThatNoException()
			.isThrownBy(() -> new NativeMemoryMetrics(new NativeMemory(nothing(), off), off).bindTo(this.registry));
		assertThat(this.registry.getMeters()).isEmpty();
	}

	@Test
	@EnabledOnOs(OS.LINUX)
	void nativeMetersReadRssAndUnaccounted() throws Exception {
		String summary = new String(getClass().getResourceAsStream("/nmt/jdk17-summary.txt").readAllBytes(),
				java.nio.charset.StandardCharsets.UTF_8);
		NativeMemoryTracking on = new NativeMemoryTracking(() -> summary);
		new NativeMemoryMetrics(new NativeMemory(new PlatformProcessProbe(), on), on).bindTo(this.registry);
		double rss = this.registry.get("memory.audit.rss").gauge().value();
		assertThat(rss).isGreaterThan(10_000_000);
		assertThat(this.registry.get("memory.audit.native.unaccounted").gauge().value())
			.isEqualTo(rss - on.latest().committedBytes(), org.assertj.core.data.Offset.offset(64 * 1024 * 1024.0));
		assertThat(this.registry.get("memory.audit.native.committed").tag("category", "java-heap").gauge().value())
			.isEqualTo(on.latest().committedByCategory().get("java-heap").doubleValue());
	}

	@Test
	void lagTimerRecordsEverySampleAndDisabledLagLeavesItAbsent() throws InterruptedException {
		new LagMetrics(null, null).bindTo(this.registry);
		assertThat(this.registry.getMeters()).isEmpty();
		try (LagMonitor monitor = new LagMonitor(Duration.ofMillis(1), Duration.ofMinutes(1))) {
			new LagMetrics(monitor, null).bindTo(this.registry);
			monitor.start();
			long deadline = System.nanoTime() + 5_000_000_000L;
			while (this.registry.get("memory.audit.lag").timer().count() < 10 && System.nanoTime() < deadline) {
				Thread.sleep(5);
			}
			Meter.Id id = this.registry.get("memory.audit.lag").timer().getId();
			assertThat(this.registry.get("memory.audit.lag").timer().count()).isGreaterThanOrEqualTo(10);
			assertThat(id.getDescription()).contains("1 ms");
		}
	}

	static ProcessProbe nothing() {
		return FixedProcessProbe.none();
	}

}
