package dev.memoryaudit.container;

import java.time.Instant;
import java.util.List;

import dev.memoryaudit.trend.SeriesAssessment;
import dev.memoryaudit.trend.Verdict;
import org.jspecify.annotations.Nullable;

/**
 * What the container section concluded at one tick: the figures, the working set's trend against the limit, the
 * breakdown and which parts grow.
 *
 * @param location where the cgroup is, or why there is none
 * @param figures the latest figures, {@code null} without a cgroup
 * @param beyondHeap the trend of the working set beyond the heap (minus heap committed) against the room the limit
 * leaves beside a full heap (limit minus heap maximum), {@code null} without figures
 * @param exhaustionSeconds seconds until the working set beyond the heap fills that room at its current growth, so
 * that a heap grown to its maximum would reach the limit; {@code null} while it does not grow significantly or there is
 * no limit
 * @param exhaustionAt when that is
 * @param heapMaxBytes the heap maximum the room is computed with, {@code null} when the heap has none
 * @param headroomBytes the room left: limit minus heap maximum minus the working set beyond the heap now; negative
 * when a full heap would not fit (the kernel would kill the JVM first); {@code null} without a limit
 * @param breakdown the usage split into parts at the latest snapshot, {@code null} without figures
 * @param parts every part's growth over the trend window, fastest first
 * @param growing the parts that explain the growth, fastest first (empty while the working set does not grow)
 * @param verdict GROWING when the working set grows towards the limit within the horizon, STABLE when it does not,
 * INSUFFICIENT_DATA without a cgroup or enough points
 * @param summary one sentence for people
 */
public record ContainerAssessment(CgroupLocation location, @Nullable ContainerMemory figures,
		@Nullable SeriesAssessment beyondHeap, @Nullable Long exhaustionSeconds, @Nullable Instant exhaustionAt,
		@Nullable Long heapMaxBytes, @Nullable Long headroomBytes, @Nullable ContainerBreakdown breakdown, List<PartTrend> parts, List<PartTrend> growing, Verdict verdict,
		String summary) {

	public ContainerAssessment {
		parts = List.copyOf(parts);
		growing = List.copyOf(growing);
	}

	/**
	 * One part's growth over the trend window.
	 *
	 * @param name the part's name
	 * @param bytes its size now
	 * @param firstBytes its size at the start of the window
	 * @param bytesPerHour Theil–Sen slope over the window
	 * @param share its share of the growth of the working set beyond the heap, {@code null} while it does not grow
	 * @param what what it holds
	 */
	public record PartTrend(String name, long bytes, long firstBytes, double bytesPerHour, @Nullable Double share,
			String what) {
	}

	/**
	 * Whether a cgroup limit applies.
	 * @return {@code true} with a limit
	 */
	public boolean limited() {
		ContainerMemory f = this.figures;
		return f != null && f.limited() && f.limitBytes() != null;
	}

}
