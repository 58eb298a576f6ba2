package dev.memoryaudit.nativememory;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.List;

import dev.memoryaudit.snapshot.ProcessProbe;
import org.jspecify.annotations.Nullable;

/**
 * RSS and the native memory the JVM does not account for: RSS minus heap committed, non-heap committed and direct
 * and mapped buffers, or RSS minus NMT's committed total when Native Memory Tracking is on.
 */
public final class NativeMemory {

	private final ProcessProbe probe;

	private final @Nullable NativeMemoryTracking tracking;

	private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

	private final List<BufferPoolMXBean> bufferPools = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class);

	/**
	 * Creates the calculator.
	 * @param probe the process probe for RSS
	 * @param tracking NMT, or {@code null}
	 */
	public NativeMemory(ProcessProbe probe, @Nullable NativeMemoryTracking tracking) {
		this.probe = probe;
		this.tracking = tracking;
	}

	/**
	 * Resident set size now.
	 * @return bytes, or {@code null} where unavailable
	 */
	public @Nullable Long rss() {
		return this.probe.rssBytes();
	}

	/**
	 * RSS not accounted for by the JVM now.
	 * @return the figures, or {@code null} when RSS is unavailable
	 */
	public @Nullable Figures figures() {
		Long rss = rss();
		if (rss == null) {
			return null;
		}
		NmtSummary nmt = (this.tracking != null && this.tracking.isEnabled()) ? this.tracking.latest() : null;
		if (nmt != null) {
			return new Figures(rss, nmt.committedBytes(), "nmt-committed");
		}
		long accounted = this.memory.getHeapMemoryUsage().getCommitted()
				+ this.memory.getNonHeapMemoryUsage().getCommitted();
		for (BufferPoolMXBean pool : this.bufferPools) {
			if ("direct".equals(pool.getName()) || "mapped".equals(pool.getName())) {
				accounted += Math.max(0, pool.getMemoryUsed());
			}
		}
		return new Figures(rss, accounted, "mxbeans");
	}

	/**
	 * RSS and what the JVM accounts for.
	 *
	 * @param rssBytes resident set size
	 * @param accountedBytes what the JVM accounts for
	 * @param basis {@code nmt-committed} (NMT's committed total) or {@code mxbeans} (heap + non-heap committed +
	 * direct and mapped buffers)
	 */
	public record Figures(long rssBytes, long accountedBytes, String basis) {

		/**
		 * RSS minus accounted; negative when committed memory is not (yet) resident.
		 * @return bytes
		 */
		public long unaccountedBytes() {
			return this.rssBytes - this.accountedBytes;
		}

	}

}
