package dev.memoryaudit.container;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The locator and the reader on recorded cgroup layouts ({@code src/test/resources/cgroup-layouts}: {@code v1-limited}
 * was read off a real child memory cgroup of this machine class with a 600 MiB limit, a process holding 120 MiB and
 * 40 MiB of page cache; the others are v1 and v2 layouts as Docker, Kubernetes and cgroup namespaces show them), and
 * on this process's own cgroup.
 */
class CgroupLayoutTests {

	private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T00:00:00Z"), ZoneOffset.UTC);

	@TempDir
	Path empty;

	@Test
	void v1LimitedReadsEveryFigureTheKernelGives() {
		CgroupLocation location = locate("v1-limited");
		assertThat(location.version()).isEqualTo("v1");
		assertThat(location.directory()).endsWith(Path.of("sys/fs/cgroup/memory/process_api/ctr"));
		ContainerMemory memory = new CgroupMemoryReader(CLOCK).read(location);
		assertThat(memory.limited()).isTrue();
		assertThat(memory.limitBytes()).isEqualTo(629_145_600L);
		assertThat(memory.usageBytes()).isEqualTo(176_480_256L);
		assertThat(memory.anonBytes()).isEqualTo(132_874_240L);
		assertThat(memory.pageCacheBytes()).isEqualTo(41_975_808L);
		assertThat(memory.inactiveFileBytes()).isEqualTo(41_943_040L);
		assertThat(memory.workingSetBytes()).isEqualTo(176_480_256L - 41_943_040L);
		assertThat(memory.swapBytes()).isZero();
		assertThat(memory.limitHits()).isZero();
		assertThat(memory.oomKills()).isZero();
		assertThat(memory.highBytes()).isNull();
		assertThat(memory.unavailable()).containsOnlyKeys("high", "highEvents", "oomEvents");
		assertThat(memory.unavailable().get("high")).contains("v1 has no memory.high");
		assertThat(memory.workingSetRatio()).isCloseTo(134_537_216.0 / 629_145_600, org.assertj.core.data.Offset.offset(1e-9));
	}

	@Test
	void hybridHostPrefersTheV1MemoryHierarchyOverAV2MountWithoutMemory() throws Exception {
		// the v1-limited layout's mount table is this machine's: cgroup2 is mounted too, without the memory controller
		assertThat(Files.readString(layout("v1-limited").resolve("proc/self/mountinfo"))).contains("cgroup2");
		assertThat(locate("v1-limited").version()).isEqualTo("v1");
	}

	@Test
	void v1DockerContainerFindsItsCgroupAtTheMountPoint() {
		CgroupLocation location = locate("v1-docker");
		assertThat(location.directory()).isEqualTo(layout("v1-docker").resolve("sys/fs/cgroup/memory"));
		assertThat(new CgroupMemoryReader(CLOCK).read(location).limitBytes()).isEqualTo(629_145_600L);
	}

	@Test
	void v1WithoutLimitSaysSoAndIsNotAnError() {
		ContainerMemory memory = new CgroupMemoryReader(CLOCK).read(locate("v1-unlimited"));
		assertThat(memory.limited()).isFalse();
		assertThat(memory.limitBytes()).isNull();
		assertThat(memory.unavailable()).doesNotContainKey("limit");
		assertThat(memory.workingSetRatio()).isNull();
		assertThat(memory.usageBytes()).isEqualTo(176_480_256L);
	}

	@Test
	void malformedAndMissingFilesMakeOnlyTheirFiguresUnavailable() {
		ContainerMemory memory = new CgroupMemoryReader(CLOCK).read(locate("v1-malformed"));
		assertThat(memory.usageBytes()).isEqualTo(176_480_256L);
		assertThat(memory.limitBytes()).isNull();
		assertThat(memory.limited()).isFalse();
		assertThat(memory.unavailable().get("limit")).startsWith("malformed ").contains("six hundred megabytes");
		assertThat(memory.unavailable().get("limitHits")).startsWith("malformed ");
		assertThat(memory.unavailable().get("anon")).startsWith("no ").contains("memory.stat");
		assertThat(memory.unavailable().get("oomKills")).contains("kernels before 4.13");
		// without inactive file pages the working set is the usage: nothing the kernel could reclaim is known
		assertThat(memory.workingSetBytes()).isEqualTo(176_480_256L);
	}

	@Test
	void v2UnderKubernetesTakesTheLowestLimitOfTheCgroupAndItsAncestors() {
		CgroupLocation location = locate("v2-limited");
		assertThat(location.version()).isEqualTo("v2");
		ContainerMemory memory = new CgroupMemoryReader(CLOCK).read(location);
		// the container asks for 600 MiB, its pod has 500 MiB: the pod's limit is the one that kills
		assertThat(memory.limitBytes()).isEqualTo(524_288_000L);
		assertThat(memory.usageBytes()).isEqualTo(412_037_120L);
		assertThat(memory.workingSetBytes()).isEqualTo(412_037_120L - 31_457_280L);
		assertThat(memory.anonBytes()).isEqualTo(351_272_960L);
		assertThat(memory.pageCacheBytes()).isEqualTo(52_297_728L);
		assertThat(memory.limitHits()).isEqualTo(17);
		assertThat(memory.oomEvents()).isEqualTo(2);
		assertThat(memory.oomKills()).isEqualTo(1);
		assertThat(memory.highEvents()).isZero();
		assertThat(memory.highBytes()).isNull();
		assertThat(memory.swapBytes()).isZero();
		assertThat(memory.unavailable()).isEmpty();
	}

	@Test
	void v2InACgroupNamespaceReadsTheMountPointItself() {
		CgroupLocation location = locate("v2-namespace");
		assertThat(location.directory()).isEqualTo(layout("v2-namespace").resolve("sys/fs/cgroup"));
		ContainerMemory memory = new CgroupMemoryReader(CLOCK).read(location);
		assertThat(memory.limited()).isFalse();
		assertThat(memory.highBytes()).isEqualTo(536_870_912L);
	}

	@Test
	void v2WithoutTheMemoryControllerSaysWhy() {
		CgroupLocation location = locate("v2-no-memory-controller");
		assertThat(location.available()).isFalse();
		assertThat(location.unavailableReason()).contains("memory controller is not enabled");
		assertThatIllegalArgumentException().isThrownBy(() -> new CgroupMemoryReader(CLOCK).read(location))
			.withMessageContaining("memory controller");
	}

	@Test
	void noMemoryCgroupAndNoProcSayWhy() {
		assertThat(locate("no-memory-cgroup").unavailableReason()).startsWith("no memory cgroup");
		CgroupLocation none = new CgroupLocator(this.empty).locate();
		assertThat(none.available()).isFalse();
		assertThat(none.unavailableReason()).startsWith("cannot read /proc/self/cgroup");
	}

	@Test
	void resolvesPathsAgainstTheMountRoot() {
		Path mount = Path.of("/sys/fs/cgroup/memory");
		assertThat(CgroupLocator.resolve(mount, "/", "/a/b")).isEqualTo(mount.resolve("a/b"));
		assertThat(CgroupLocator.resolve(mount, "/a", "/a")).isEqualTo(mount);
		assertThat(CgroupLocator.resolve(mount, "/a", "/a/b/c")).isEqualTo(mount.resolve("b/c"));
		assertThat(CgroupLocator.resolve(mount, "/a", "/")).isEqualTo(mount);
		assertThat(CgroupLocator.resolve(mount, "/a", "/ab")).isEqualTo(mount);
		assertThat(CgroupLocator.resolve(mount, "/", "/../../etc")).isEqualTo(mount.resolve("etc"));
	}

	@Test
	void mountTableEscapesAreDecoded() {
		assertThat(CgroupLocator.mounts(java.util.List.of(
				"41 31 0:38 / /sys/fs/cgroup/my\\040cgroups rw,relatime - cgroup2 cgroup2 rw", "garbage line")))
			.singleElement()
			.satisfies((m) -> assertThat(m.mountPoint()).isEqualTo("/sys/fs/cgroup/my cgroups"));
	}

	@Test
	@EnabledOnOs(OS.LINUX)
	void readsThisProcesssOwnCgroup() {
		CgroupLocation location = CgroupLocator.platform().locate();
		assertThat(location.available()).as(String.valueOf(location.unavailableReason())).isTrue();
		ContainerMemory memory = new CgroupMemoryReader(Clock.systemUTC()).read(location);
		assertThat(memory.usageBytes()).isPositive();
		assertThat(memory.workingSetBytes()).isPositive().isLessThanOrEqualTo(memory.usageBytes());
	}

	private static CgroupLocation locate(String name) {
		return new CgroupLocator(layout(name)).locate();
	}

	static Path layout(String name) {
		try {
			return Path.of(CgroupLayoutTests.class.getResource("/cgroup-layouts/" + name + "/proc/self/cgroup").toURI())
				.getParent()
				.getParent()
				.getParent();
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
