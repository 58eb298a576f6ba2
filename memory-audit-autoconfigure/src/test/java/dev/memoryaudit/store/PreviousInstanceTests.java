package dev.memoryaudit.store;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import dev.memoryaudit.container.ContainerSnapshots;
import dev.memoryaudit.snapshot.Snapshot;
import org.junit.jupiter.api.Test;

import static dev.memoryaudit.container.ContainerSnapshots.MIB;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the previous instance ended, read from histories of two JVMs: a clean stop, a kill by the kernel at the
 * container limit (the cgroup's OOM-kill count rose, or the working set was at the limit), a full heap, and a process
 * that vanished for no reason its snapshots show; and what grew in its last hour.
 */
class PreviousInstanceTests {

	private static final long LIMIT = 600 * MIB;

	@Test
	void aKillAtTheContainerLimitIsNamedWithWhatGrew() {
		ContainerSnapshots history = leakingInstance(0L);
		long previousJvm = history.last().jvmStartMillis();
		history.restart(Duration.ofSeconds(30)).add(10 * MIB, 40 * MIB, 25 * MIB, LIMIT, 1L);
		PreviousInstance previous = PreviousInstance.of(history.snapshots(), Set.of(), history.last().jvmStartMillis());
		assertThat(previous).isNotNull();
		assertThat(previous.cause()).isEqualTo(PreviousInstance.Cause.CONTAINER_LIMIT);
		assertThat(previous.jvmStartMillis()).isEqualTo(previousJvm);
		assertThat(previous.oomKillsBefore()).isZero();
		assertThat(previous.oomKillsAfter()).isEqualTo(1);
		assertThat(previous.grewInLastHour()).containsOnlyKeys("direct-buffers");
		assertThat(previous.grewInLastHour().get("direct-buffers")).isEqualTo(59 * 3 * MIB);
		assertThat(previous.summary()).contains("killed by the kernel's OOM killer")
			.contains("oom_kill count went from 0 to 1")
			.contains("working set 568.0 MiB of 600.0 MiB, 95%")
			.contains("in its last hour: direct-buffers +177.0 MiB")
			.contains("down for 90s");
		assertThat(previous.body()).containsEntry("cause", "container-limit");
	}

	@Test
	void aWorkingSetAtTheLimitReadsAsTheLimitEvenWhenTheKillCountIsUnknown() {
		ContainerSnapshots history = leakingInstance(null);
		history.restart(Duration.ofSeconds(30)).add(10 * MIB, 40 * MIB, 25 * MIB, LIMIT, null);
		PreviousInstance previous = PreviousInstance.of(history.snapshots(), Set.of(), history.last().jvmStartMillis());
		assertThat(previous.cause()).isEqualTo(PreviousInstance.Cause.CONTAINER_LIMIT);
		assertThat(previous.summary()).contains("vanished at its container limit");
	}

	@Test
	void aStopMarkerMakesItClean() {
		ContainerSnapshots history = leakingInstance(0L);
		long previousJvm = history.last().jvmStartMillis();
		history.restart(Duration.ofSeconds(30)).add(10 * MIB, 40 * MIB, 25 * MIB, LIMIT, 0L);
		PreviousInstance previous = PreviousInstance.of(history.snapshots(), Set.of(previousJvm),
				history.last().jvmStartMillis());
		assertThat(previous.cause()).isEqualTo(PreviousInstance.Cause.CLEAN);
		assertThat(previous.summary()).contains("stopped cleanly").doesNotContain("in its last hour");
	}

	@Test
	void aFullHeapReadsAsHeapExhausted() {
		ContainerSnapshots history = new ContainerSnapshots(Duration.ofMinutes(1)).heap(250 * MIB, 248 * MIB);
		for (int i = 0; i < 30; i++) {
			history.add(10 * MIB, 40 * MIB, 25 * MIB, null, null);
		}
		history.restart(Duration.ofMinutes(2)).heap(100 * MIB, 80 * MIB).add(10 * MIB, 40 * MIB, 25 * MIB, null, null);
		PreviousInstance previous = PreviousInstance.of(history.snapshots(), Set.of(), history.last().jvmStartMillis());
		assertThat(previous.cause()).isEqualTo(PreviousInstance.Cause.HEAP_EXHAUSTED);
		assertThat(previous.summary()).contains("OutOfMemoryError");
	}

	@Test
	void aLiveSetAt85PercentWithoutAStopMarkerReadsAsHeapExhausted() {
		// the sample app at 96 MiB died of an OutOfMemoryError with its last snapshot at 87 MiB live, 91 MiB used
		ContainerSnapshots history = new ContainerSnapshots(Duration.ofMinutes(1)).heap(223 * MIB, 220 * MIB);
		for (int i = 0; i < 30; i++) {
			history.add(10 * MIB, 40 * MIB, 25 * MIB, null, null);
		}
		history.restart(Duration.ofMinutes(2)).heap(100 * MIB, 80 * MIB).add(10 * MIB, 40 * MIB, 25 * MIB, null, null);
		PreviousInstance previous = PreviousInstance.of(history.snapshots(), Set.of(), history.last().jvmStartMillis());
		assertThat(previous.cause()).isEqualTo(PreviousInstance.Cause.HEAP_EXHAUSTED);
	}

	@Test
	void aLiveSetBelow85PercentIsNotAFullHeap() {
		ContainerSnapshots history = new ContainerSnapshots(Duration.ofMinutes(1)).heap(215 * MIB, 200 * MIB);
		for (int i = 0; i < 30; i++) {
			history.add(10 * MIB, 40 * MIB, 25 * MIB, null, null);
		}
		history.restart(Duration.ofMinutes(2)).heap(100 * MIB, 80 * MIB).add(10 * MIB, 40 * MIB, 25 * MIB, null, null);
		PreviousInstance previous = PreviousInstance.of(history.snapshots(), Set.of(), history.last().jvmStartMillis());
		assertThat(previous.cause()).isEqualTo(PreviousInstance.Cause.VANISHED);
	}

	@Test
	void withoutAnyOfThoseItVanished() {
		ContainerSnapshots history = new ContainerSnapshots(Duration.ofMinutes(1));
		for (int i = 0; i < 30; i++) {
			history.add(10 * MIB, 40 * MIB, 25 * MIB, LIMIT, 0L);
		}
		history.restart(Duration.ofMinutes(2)).add(10 * MIB, 40 * MIB, 25 * MIB, LIMIT, 0L);
		PreviousInstance previous = PreviousInstance.of(history.snapshots(), Set.of(), history.last().jvmStartMillis());
		assertThat(previous.cause()).isEqualTo(PreviousInstance.Cause.VANISHED);
		assertThat(previous.grewInLastHour()).isEmpty();
	}

	@Test
	void beforeThisInstancesFirstSnapshotTheWholeRestoredHistoryIsThePreviousInstance() {
		ContainerSnapshots history = leakingInstance(0L);
		List<Snapshot> restored = history.snapshots();
		PreviousInstance previous = PreviousInstance.of(restored, Set.of(), restored.get(0).jvmStartMillis() + 60_000);
		assertThat(previous.cause()).isEqualTo(PreviousInstance.Cause.CONTAINER_LIMIT);
		assertThat(previous.restartedAt()).isNull();
		assertThat(previous.oomKillsAfter()).isNull();
	}

	@Test
	void aSingleInstanceHasNoPreviousOne() {
		ContainerSnapshots history = leakingInstance(0L);
		assertThat(PreviousInstance.of(history.snapshots(), Set.of(), history.last().jvmStartMillis())).isNull();
	}

	/** An hour of a direct-buffer leak of 3 MiB a minute that ends at 95 % of the limit. */
	private static ContainerSnapshots leakingInstance(Long oomKills) {
		ContainerSnapshots history = new ContainerSnapshots(Duration.ofMinutes(1));
		for (int i = 0; i < 60; i++) {
			history.add((10 + 3 * i) * MIB, 40 * MIB, 25 * MIB, LIMIT, oomKills);
		}
		return history;
	}

}
