package dev.memoryaudit.container;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.memoryaudit.snapshot.Snapshot;
import dev.memoryaudit.trend.ReportSection;
import dev.memoryaudit.trend.TrendThresholds;
import dev.memoryaudit.trend.Verdict;
import org.junit.jupiter.api.Test;

import static dev.memoryaudit.container.ContainerSnapshots.MIB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The container section on snapshot histories: the breakdown adds up to the usage, the working set's trend against the
 * limit gives the time to the limit and names the part that grows, a flat container reads STABLE without an ETA, and
 * a process without a cgroup says why.
 */
class ContainerReportTests {

	private static final long LIMIT = 600 * MIB;

	private final TrendThresholds thresholds = new TrendThresholds(Duration.ZERO, Duration.ofHours(6), 12, 0.01,
			0.0025, 3.0, 0.5, 0.33, 4, 0.01, Duration.ZERO);

	@Test
	void breakdownAddsUpToTheUsage() {
		Snapshot snapshot = new ContainerSnapshots(Duration.ofMinutes(1)).add(30 * MIB, 40 * MIB, 25 * MIB, LIMIT, 0L)
			.last();
		ContainerBreakdown breakdown = ContainerBreakdown.of(snapshot);
		assertThat(breakdown).isNotNull();
		assertThat(breakdown.basis()).isEqualTo("mxbeans");
		assertThat(breakdown.parts()).extracting(ContainerBreakdown.Part::name)
			.containsExactly("heap", "metaspace", "code-cache", "direct-buffers", "page-cache", "unexplained");
		assertThat(breakdown.parts().stream().mapToLong(ContainerBreakdown.Part::bytes).sum())
			.isEqualTo(breakdown.usageBytes());
		assertThat(breakdown.bytes("direct-buffers")).isEqualTo(30 * MIB);
		assertThat(breakdown.bytes("code-cache")).isEqualTo(20 * MIB);
		assertThat(breakdown.bytes("unexplained")).isEqualTo(25 * MIB);
	}

	@Test
	void withNativeMemoryTrackingTheCategoriesReplaceThePools() {
		Snapshot base = new ContainerSnapshots(Duration.ofMinutes(1)).add(30 * MIB, 40 * MIB, 25 * MIB, LIMIT, 0L)
			.last();
		Map<String, Long> extra = new java.util.HashMap<>(base.extraSeries());
		extra.put("nmt.total", 420 * MIB);
		extra.put("nmt.Java Heap", 256 * MIB);
		extra.put("nmt.Class", 61 * MIB);
		extra.put("nmt.Thread", 45 * MIB);
		extra.put("nmt.Other", 31 * MIB);
		extra.put("nmt.Code", 27 * MIB);
		Snapshot nmt = new Snapshot(base.id(), base.time(), base.uptimeMillis(), base.heap(), base.liveSetBytes(),
				base.liveSetSource(), base.gc(), base.pools(), base.nonHeapCommitted(), base.bufferPools(),
				base.collectors(), base.threads(), base.loadedClasses(), base.rssBytes(), base.openFds(),
				base.maxFds(), extra, base.captureNanos(), base.startLagMillis(), base.jvmStartMillis());
		ContainerBreakdown breakdown = ContainerBreakdown.of(nmt);
		assertThat(breakdown.basis()).isEqualTo("nmt");
		assertThat(breakdown.parts()).extracting(ContainerBreakdown.Part::name)
			.containsExactly("heap", "nmt:Class", "nmt:Thread", "nmt:Other", "nmt:Code", "page-cache", "unexplained");
		assertThat(breakdown.parts().stream().mapToLong(ContainerBreakdown.Part::bytes).sum())
			.isEqualTo(breakdown.usageBytes());
		assertThat(breakdown.parts().get(3).what()).contains("direct ByteBuffers");
	}

	@Test
	void aDirectBufferLeakGivesTheTimeToTheLimitAndIsNamed() {
		ContainerSnapshots history = new ContainerSnapshots(Duration.ofMinutes(1));
		for (int i = 0; i < 60; i++) {
			// 1 MiB a minute of direct buffers, page cache and the rest flat but noisy
			history.add((20 + i) * MIB, (40 + (i % 3)) * MIB, (25 + (i % 2)) * MIB, LIMIT, 0L);
		}
		ContainerReport report = report(history.snapshots());
		List<ReportSection> sections = report.sections(history.snapshots());
		ContainerAssessment assessment = report.latest();
		assertThat(sections).singleElement().satisfies((s) -> {
			assertThat(s.getName()).isEqualTo("container");
			assertThat(s.getVerdict()).isEqualTo(Verdict.GROWING);
			assertThat(s.markdown()).contains("## Container memory").contains("| direct-buffers |");
		});
		assertThat(assessment.growing()).extracting(ContainerAssessment.PartTrend::name).containsExactly("direct-buffers");
		assertThat(assessment.growing().get(0).bytesPerHour()).isCloseTo(60 * MIB, within(1.0 * MIB));
		// working set at the last snapshot: usage minus half the page cache; 60 MiB/h to the 600 MiB limit
		Snapshot last = history.last();
		long workingSet = last.extraSeries().get(ContainerMemorySampler.WORKING_SET);
		double expectedHours = (LIMIT - workingSet) / (60.0 * MIB);
		assertThat(assessment.exhaustionSeconds()).isNotNull();
		assertThat(assessment.exhaustionSeconds() / 3600.0).isCloseTo(expectedHours, within(0.2));
		assertThat(assessment.summary()).contains("the limit is reached in about").contains("direct-buffers +");
	}

	@Test
	void aFlatContainerIsStableWithoutAnEta() {
		ContainerSnapshots history = new ContainerSnapshots(Duration.ofMinutes(1));
		for (int i = 0; i < 60; i++) {
			history.add(20 * MIB, (40 + (i % 3)) * MIB, (25 + (i % 2)) * MIB, LIMIT, 0L);
		}
		ContainerReport report = report(history.snapshots());
		report.sections(history.snapshots());
		assertThat(report.latest().verdict()).isEqualTo(Verdict.STABLE);
		assertThat(report.latest().exhaustionSeconds()).isNull();
		assertThat(report.latest().growing()).isEmpty();
	}

	@Test
	void growthThatReachesTheLimitBeyondTheHorizonDoesNotRaiseTheVerdict() {
		ContainerSnapshots history = new ContainerSnapshots(Duration.ofMinutes(1));
		for (int i = 0; i < 60; i++) {
			history.add((20 + i) * MIB, 40 * MIB, 25 * MIB, 2048 * MIB, 0L);
		}
		ContainerReport report = report(history.snapshots());
		report.sections(history.snapshots());
		// 60 MiB/h from about 480 MiB to a 2 GiB limit: about 26 hours away, beyond the 24-hour horizon
		assertThat(report.latest().exhaustionSeconds()).isBetween(Duration.ofHours(25).toSeconds(),
				Duration.ofHours(28).toSeconds());
		assertThat(report.latest().summary()).contains("the limit is reached in about");
		assertThat(report.latest().verdict()).isEqualTo(Verdict.STABLE);
	}

	@Test
	void theHeapGrowingToItsMaximumIsNotGrowthTowardsTheLimit() {
		ContainerSnapshots history = new ContainerSnapshots(Duration.ofMinutes(1));
		for (int i = 0; i < 60; i++) {
			// G1 expanding the heap from 100 MiB to 256 MiB under load: the working set grows 2.6 MiB a minute
			history.heapCommitted((100 + (156 * i) / 59) * MIB).add(20 * MIB, 40 * MIB, (25 + (i % 2)) * MIB, LIMIT, 0L);
		}
		ContainerReport report = report(history.snapshots());
		report.sections(history.snapshots());
		assertThat(report.latest().verdict()).isEqualTo(Verdict.STABLE);
		assertThat(report.latest().exhaustionSeconds()).isNull();
		assertThat(report.latest().headroomBytes()).isEqualTo(LIMIT - 256 * MIB - (20 + 60 + 20 + 40 + 25 - 20) * MIB
				- MIB);
		assertThat(report.latest().summary()).contains("with the heap at its 256.0 MiB maximum, 344.0 MiB remain");
	}

	@Test
	void aLimitThatLeavesNoRoomForAFullHeapIsReported() {
		ContainerSnapshots history = new ContainerSnapshots(Duration.ofMinutes(1));
		for (int i = 0; i < 30; i++) {
			history.heapCommitted(128 * MIB).add(20 * MIB, 40 * MIB, 25 * MIB, 300 * MIB, 0L);
		}
		ContainerReport report = report(history.snapshots());
		report.sections(history.snapshots());
		assertThat(report.latest().headroomBytes()).isNegative();
		assertThat(report.latest().summary()).contains("the kernel kills the JVM before its heap is full");
	}

	@Test
	void withoutACgroupTheSectionSaysWhyAndEverythingElseGoesOn() {
		ContainerMemorySampler sampler = new ContainerMemorySampler(CgroupLocation.unavailable("no memory cgroup: test"),
				Clock.systemUTC());
		assertThat(sampler.sample()).isEmpty();
		ContainerReport report = new ContainerReport(sampler, this.thresholds, Duration.ofHours(24));
		ReportSection section = report.sections(List.of()).get(0);
		assertThat(section.getVerdict()).isEqualTo(Verdict.INSUFFICIENT_DATA);
		assertThat(section.markdown()).contains("unavailable: no memory cgroup: test");
		assertThat(((Map<?, ?>) section.getBody()).get("available")).isEqualTo(false);
	}

	@Test
	void noLimitSaysSo() {
		ContainerMemorySampler sampler = new ContainerMemorySampler(
				new CgroupLocator(CgroupLayoutTests.layout("v1-unlimited")).locate(), Clock.systemUTC());
		assertThat(sampler.sample()).containsKeys(ContainerMemorySampler.USAGE, ContainerMemorySampler.WORKING_SET)
			.doesNotContainKey(ContainerMemorySampler.LIMIT);
		ContainerReport report = new ContainerReport(sampler, this.thresholds, Duration.ofHours(24));
		report.sections(List.of());
		assertThat(report.latest().summary()).startsWith("no container limit");
		assertThat(report.latest().exhaustionSeconds()).isNull();
	}

	private ContainerReport report(List<Snapshot> history) {
		// the figures the section shows come from the sampler's last read: a recorded 600 MiB v1 cgroup
		ContainerMemorySampler sampler = new ContainerMemorySampler(
				new CgroupLocator(CgroupLayoutTests.layout("v1-limited")).locate(), Clock.systemUTC());
		sampler.sample();
		return new ContainerReport(sampler, this.thresholds, Duration.ofHours(24));
	}

}
