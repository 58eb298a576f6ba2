package dev.memoryaudit.snapshot;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Reads RSS from {@code /proc/self/status} (Linux) and file descriptors from the {@code UnixOperatingSystemMXBean}
 * (HotSpot and OpenJ9 on Unix); whatever is missing on this platform answers {@code null}.
 */
public final class PlatformProcessProbe implements ProcessProbe {

	private static final Path DEFAULT_STATUS = Path.of("/proc/self/status");

	private final Path statusFile;

	private final @Nullable OperatingSystemMXBean unixBean;

	private final boolean statusReadable;

	/**
	 * Creates a probe of this process.
	 */
	public PlatformProcessProbe() {
		this(DEFAULT_STATUS, ManagementFactory.getOperatingSystemMXBean());
	}

	/**
	 * Creates a probe reading the given status file and operating-system bean, a seam for tests.
	 * @param statusFile the {@code /proc/<pid>/status} file
	 * @param operatingSystem the operating-system bean
	 */
	public PlatformProcessProbe(Path statusFile, OperatingSystemMXBean operatingSystem) {
		this.statusFile = statusFile;
		this.statusReadable = Files.isReadable(statusFile);
		this.unixBean = isUnixBean(operatingSystem) ? operatingSystem : null;
	}

	private static boolean isUnixBean(OperatingSystemMXBean bean) {
		try {
			return bean instanceof com.sun.management.UnixOperatingSystemMXBean;
		}
		catch (LinkageError ex) {
			return false;
		}
	}

	@Override
	public @Nullable Long rssBytes() {
		if (!this.statusReadable) {
			return null;
		}
		try {
			for (String line : Files.readAllLines(this.statusFile, StandardCharsets.US_ASCII)) {
				if (line.startsWith("VmRSS:")) {
					return parseKilobytes(line.substring("VmRSS:".length()));
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			return null;
		}
		return null;
	}

	static @Nullable Long parseKilobytes(String value) {
		String trimmed = value.trim();
		int space = trimmed.indexOf(' ');
		String number = (space > 0) ? trimmed.substring(0, space) : trimmed;
		try {
			return Long.parseLong(number) * 1024;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	@Override
	public @Nullable Long openFileDescriptors() {
		if (this.unixBean == null) {
			return null;
		}
		long open = ((com.sun.management.UnixOperatingSystemMXBean) this.unixBean).getOpenFileDescriptorCount();
		return (open >= 0) ? open : null;
	}

	@Override
	public @Nullable Long maxFileDescriptors() {
		if (this.unixBean == null) {
			return null;
		}
		long max = ((com.sun.management.UnixOperatingSystemMXBean) this.unixBean).getMaxFileDescriptorCount();
		return (max >= 0) ? max : null;
	}

	@Override
	public @Nullable String unavailableReason() {
		List<String> reasons = new ArrayList<>();
		if (!this.statusReadable) {
			reasons.add("RSS unavailable: " + this.statusFile + " is not readable (not Linux?)");
		}
		if (this.unixBean == null) {
			reasons.add("file descriptors unavailable: no com.sun.management.UnixOperatingSystemMXBean on this JVM/OS");
		}
		return reasons.isEmpty() ? null : String.join("; ", reasons);
	}

}
