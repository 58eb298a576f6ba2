package dev.memoryaudit.snapshot;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PlatformProcessProbe} on this JVM and with its sources missing.
 */
class PlatformProcessProbeTests {

	@Test
	void readsRssAndFileDescriptorsOnLinux() {
		PlatformProcessProbe probe = new PlatformProcessProbe();
		if (Files.isReadable(Path.of("/proc/self/status"))) {
			assertThat(probe.rssBytes()).isGreaterThan(10L * 1024 * 1024);
			assertThat(probe.openFileDescriptors()).isPositive();
			assertThat(probe.maxFileDescriptors()).isGreaterThanOrEqualTo(probe.openFileDescriptors());
			assertThat(probe.unavailableReason()).isNull();
		}
	}

	@Test
	void readsVmRssFromAStatusFile(@TempDir Path dir) throws Exception {
		Path status = dir.resolve("status");
		Files.writeString(status, "Name:\tjava\nVmPeak:\t 9999 kB\nVmRSS:\t  123456 kB\nThreads:\t42\n");
		PlatformProcessProbe probe = new PlatformProcessProbe(status, ManagementFactory.getOperatingSystemMXBean());
		assertThat(probe.rssBytes()).isEqualTo(123456L * 1024);
	}

	@Test
	void missingProcAndUnixBeanGiveNullsAndAReason(@TempDir Path dir) {
		OperatingSystemMXBean plain = new OperatingSystemMXBean() {

			@Override
			public javax.management.ObjectName getObjectName() {
				return null;
			}

			@Override
			public String getName() {
				return "Windows";
			}

			@Override
			public String getArch() {
				return "amd64";
			}

			@Override
			public String getVersion() {
				return "10";
			}

			@Override
			public int getAvailableProcessors() {
				return 2;
			}

			@Override
			public double getSystemLoadAverage() {
				return -1;
			}

		};
		PlatformProcessProbe probe = new PlatformProcessProbe(dir.resolve("no-such-status"), plain);
		assertThat(probe.rssBytes()).isNull();
		assertThat(probe.openFileDescriptors()).isNull();
		assertThat(probe.maxFileDescriptors()).isNull();
		assertThat(probe.unavailableReason()).contains("RSS unavailable").contains("file descriptors unavailable");
	}

}
