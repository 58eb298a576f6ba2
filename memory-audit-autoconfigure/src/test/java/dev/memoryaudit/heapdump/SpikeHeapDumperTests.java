package dev.memoryaudit.heapdump;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.memoryaudit.testsupport.MutableClock;
import dev.memoryaudit.trend.ReportSection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spike-triggered heap dumps: triggers, private modes (checked on a real HotSpot dump), quotas, the free-disk
 * refusal, the minimum interval, and that files the dumper did not create are never deleted.
 */
class SpikeHeapDumperTests {

	private static final long MB = 1024 * 1024;

	@TempDir
	Path temp;

	private final MutableClock clock = new MutableClock();

	private final List<Path> dumped = new ArrayList<>();

	private long usableDisk = Long.MAX_VALUE;

	/** Writes a small fake dump of 1,000 bytes, like dumpHeap creating the file itself. */
	private final HeapDumper fake = (file, live) -> {
		Files.write(file, new byte[1_000]);
		this.dumped.add(file);
	};

	private SpikeHeapDumper dumper(HeapDumper heapDumper, int maxCount, long maxTotalBytes, Duration minInterval) {
		HeapDumpSettings settings = new HeapDumpSettings(this.temp.resolve("dumps"), 0.8, 100 * MB,
				Duration.ofMinutes(10), minInterval, maxCount, maxTotalBytes, 1.2);
		return new SpikeHeapDumper(settings, heapDumper, (dir) -> this.usableDisk, () -> null,
				() -> new long[] { 0, -1 }, this.clock);
	}

	@Test
	void realDumpIsLiveAndPrivate() throws IOException {
		SpikeHeapDumper dumper = dumper(HeapDumper.hotSpot(), 2, Long.MAX_VALUE, Duration.ZERO);
		Path directory = this.temp.resolve("dumps");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory))).isEqualTo("rwx------");

		HeapDumpEvent event = dumper.check(900 * MB, 950 * MB, 1000 * MB);

		assertThat(event.outcome()).isEqualTo("written");
		assertThat(event.trigger()).startsWith("live set 943,718,400 bytes is 90% of the heap maximum");
		Path file = directory.resolve(event.file());
		assertThat(Files.size(file)).isEqualTo(event.bytes()).isGreaterThan(1_000_000);
		assertThat(new String(Files.readAllBytes(file), 0, 18, java.nio.charset.StandardCharsets.US_ASCII))
			.isEqualTo("JAVA PROFILE 1.0.2");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
		assertThat(PosixFilePermissions.toString(
				Files.getPosixFilePermissions(directory.resolve(SpikeHeapDumper.MANIFEST)))).isEqualTo("rw-------");
		assertThat(dumper.dumpCount()).isEqualTo(1);
	}

	@Test
	void existingWideDirectoryIsMadePrivate() throws IOException {
		Path directory = Files.createDirectories(this.temp.resolve("dumps"));
		Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxrwxrwx"));
		dumper(this.fake, 2, Long.MAX_VALUE, Duration.ZERO);
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory))).isEqualTo("rwx------");
	}

	@Test
	void growthWithinTheWindowTriggersAndSlowGrowthDoesNot() {
		SpikeHeapDumper dumper = dumper(this.fake, 5, Long.MAX_VALUE, Duration.ZERO);
		assertThat(dumper.check(100 * MB, 200 * MB, -1)).isNull();
		this.clock.advance(Duration.ofMinutes(11));
		assertThat(dumper.check(190 * MB, 200 * MB, -1)).as("grew 90 MB, below 100 MB").isNull();
		this.clock.advance(Duration.ofMinutes(11));
		assertThat(dumper.check(280 * MB, 300 * MB, -1)).as("the 100 MB point left the window").isNull();
		this.clock.advance(Duration.ofMinutes(1));
		// 280 MB is still in the window: 400 - 280 = 120 MB
		HeapDumpEvent event = dumper.check(400 * MB, 450 * MB, -1);
		assertThat(event.trigger()).isEqualTo("live set grew 125,829,120 bytes within PT10M (threshold 104,857,600)");
		assertThat(event.outcome()).isEqualTo("written");
	}

	@Test
	void minimumIntervalIsKept() {
		SpikeHeapDumper dumper = dumper(this.fake, 5, Long.MAX_VALUE, Duration.ofMinutes(30));
		assertThat(dumper.check(900 * MB, 900 * MB, 1000 * MB).outcome()).isEqualTo("written");
		this.clock.advance(Duration.ofMinutes(29));
		assertThat(dumper.check(900 * MB, 900 * MB, 1000 * MB)).isNull();
		this.clock.advance(Duration.ofMinutes(1));
		assertThat(dumper.check(900 * MB, 900 * MB, 1000 * MB).outcome()).isEqualTo("written");
		assertThat(this.dumped).hasSize(2);
	}

	@Test
	void refusedWhenFreeDiskIsBelowHeapUsedTimesOnePointTwo() {
		SpikeHeapDumper dumper = dumper(this.fake, 5, Long.MAX_VALUE, Duration.ZERO);
		this.usableDisk = 1_199;
		HeapDumpEvent event = dumper.check(900L, 1_000, 1_000);
		assertThat(event.outcome())
			.isEqualTo("refused: usable disk space 1,199 bytes is below heap used 1,000 x 1.2 = 1,200 bytes");
		assertThat(event.file()).isNull();
		assertThat(this.dumped).isEmpty();
		assertThat(dumper.dumpCount()).isZero();
		this.usableDisk = 1_200;
		assertThat(dumper.check(900L, 1_000, 1_000).outcome()).isEqualTo("written");
	}

	@Test
	void countAndTotalBytesQuotasDeleteOnlyOwnDumpsOldestFirst() throws IOException {
		Path directory = this.temp.resolve("dumps");
		Files.createDirectories(directory);
		Path foreignDump = Files.write(directory.resolve("memory-audit-20200101T000000Z-1.hprof"), new byte[10]);
		Path foreignOther = Files.write(directory.resolve("java_pid1234.hprof"), new byte[10]);
		SpikeHeapDumper dumper = dumper(this.fake, 3, 2_500, Duration.ZERO);
		for (int i = 0; i < 5; i++) {
			this.clock.advance(Duration.ofSeconds(1));
			assertThat(dumper.check(900 * MB, 900 * MB, 1000 * MB).outcome()).isEqualTo("written");
		}
		// 1,000 bytes each: max 3 files, but max 2,500 bytes keeps only the newest 2
		assertThat(dumper.ownFiles()).containsExactly(this.dumped.get(3).getFileName().toString(),
				this.dumped.get(4).getFileName().toString());
		assertThat(this.dumped.subList(0, 3)).noneMatch(Files::exists);
		assertThat(foreignDump).as("a file named like ours but not created by us").exists();
		assertThat(foreignOther).exists();

		// a restart reads the manifest: its own files are still known, foreign ones still not
		SpikeHeapDumper restarted = dumper(this.fake, 1, Long.MAX_VALUE, Duration.ZERO);
		assertThat(restarted.ownFiles()).containsExactlyElementsOf(dumper.ownFiles());
		this.clock.advance(Duration.ofSeconds(1));
		restarted.check(900 * MB, 900 * MB, 1000 * MB);
		assertThat(restarted.ownFiles()).containsExactly(this.dumped.get(5).getFileName().toString());
		assertThat(foreignDump).exists();
		assertThat(foreignOther).exists();
		try (var files = Files.list(directory)) {
			assertThat(files.map((p) -> p.getFileName().toString())).containsExactlyInAnyOrder(
					foreignDump.getFileName().toString(), foreignOther.getFileName().toString(),
					this.dumped.get(5).getFileName().toString(), SpikeHeapDumper.MANIFEST);
		}
	}

	@Test
	void reportSectionNamesDumpsAndWhy() {
		SpikeHeapDumper dumper = dumper(this.fake, 3, Long.MAX_VALUE, Duration.ZERO);
		HeapDumpEvent event = dumper.check(900 * MB, 900 * MB, 1000 * MB);
		ReportSection section = dumper.sections().get(0);
		assertThat(section.getName()).isEqualTo("heapdump");
		assertThat(section.markdown()).contains(event.file()).contains("written")
			.contains("90% of the heap maximum");
	}

	@Test
	void failingDumpIsRecordedAndLeavesNoFile() {
		SpikeHeapDumper dumper = dumper((file, live) -> {
			Files.write(file, new byte[10]);
			throw new IOException("disk full");
		}, 3, Long.MAX_VALUE, Duration.ZERO);
		HeapDumpEvent event = dumper.check(900 * MB, 900 * MB, 1000 * MB);
		assertThat(event.outcome()).isEqualTo("failed: java.io.IOException: disk full");
		assertThat(dumper.ownFiles()).isEmpty();
	}

}
