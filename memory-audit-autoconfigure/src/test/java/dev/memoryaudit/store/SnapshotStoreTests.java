package dev.memoryaudit.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import dev.memoryaudit.autoconfigure.JacksonSnapshotCodec;
import dev.memoryaudit.snapshot.GcMonitor;
import dev.memoryaudit.snapshot.PlatformProcessProbe;
import dev.memoryaudit.snapshot.Snapshot;
import dev.memoryaudit.snapshot.SnapshotCapturer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The snapshot store on real files: round trip, private modes, rotation by size and age, a torn last line, corrupt
 * and foreign files left alone, and a full disk that stops writing without throwing.
 */
class SnapshotStoreTests {

	@TempDir
	Path temp;

	private final GcMonitor gcMonitor = GcMonitor.forPlatform();

	private final SnapshotCapturer capturer = new SnapshotCapturer(this.gcMonitor, new PlatformProcessProbe(),
			List.of(), Clock.systemUTC());

	@AfterEach
	void close() {
		this.gcMonitor.close();
	}

	private SnapshotStore store(long maxFileBytes, SnapshotStore.Appender appender) {
		return new SnapshotStore(this.temp.resolve("history"), new JacksonSnapshotCodec(), maxFileBytes,
				Duration.ofDays(1), Clock.systemUTC(), appender);
	}

	@Test
	void roundTripInPrivateFiles() throws IOException {
		SnapshotStore store = store(1024 * 1024, SnapshotStore.Appender.FILES);
		assertThat(store.restore().snapshots()).isEmpty();
		Snapshot one = this.capturer.capture(1, 3L);
		Snapshot two = this.capturer.capture(2, null);
		store.accept(one);
		store.accept(two);
		Path directory = this.temp.resolve("history");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory))).isEqualTo("rwx------");
		try (Stream<Path> files = Files.list(directory)) {
			assertThat(files).singleElement()
				.satisfies((file) -> assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
					.isEqualTo("rw-------"));
		}
		assertThat(store(1024 * 1024, SnapshotStore.Appender.FILES).restore().snapshots()).containsExactly(one, two);
	}

	@Test
	void rotatesBySizeAndDeletesOwnFilesByAge() throws IOException {
		SnapshotStore store = store(4 * 1024, SnapshotStore.Appender.FILES);
		store.restore();
		for (int i = 1; i <= 20; i++) {
			store.accept(this.capturer.capture(i, null));
		}
		List<Path> files = list();
		assertThat(files).hasSizeGreaterThan(3);
		for (Path file : files) {
			assertThat(Files.size(file)).isLessThanOrEqualTo(4 * 1024);
		}
		Path foreign = Files.writeString(this.temp.resolve("history/notes.txt"), "mine");
		Files.setLastModifiedTime(foreign, FileTime.from(Instant.now().minus(Duration.ofDays(30))));
		Path old = files.get(0);
		Files.setLastModifiedTime(old, FileTime.from(Instant.now().minus(Duration.ofDays(2))));
		for (int i = 21; i <= 30; i++) {
			store.accept(this.capturer.capture(i, null));
		}
		assertThat(old).as("own file older than max-age").doesNotExist();
		assertThat(foreign).as("foreign files are never deleted").exists();
		assertThat(store(4 * 1024, SnapshotStore.Appender.FILES).restore().snapshots()).extracting(Snapshot::id)
			.startsWith(files.size() > 1 ? firstId(files.get(1)) : 1)
			.endsWith(30L);
	}

	@Test
	void tornLastLineIsSkippedAndCounted() throws IOException {
		SnapshotStore store = store(1024 * 1024, SnapshotStore.Appender.FILES);
		store.restore();
		store.accept(this.capturer.capture(1, null));
		store.accept(this.capturer.capture(2, null));
		Path file = list().get(0);
		Files.writeString(file, "{\"id\":3,\"time\":\"2026-", StandardOpenOption.APPEND);
		RestoredHistory restored = store(1024 * 1024, SnapshotStore.Appender.FILES).restore();
		assertThat(restored.snapshots()).extracting(Snapshot::id).containsExactly(1L, 2L);
		assertThat(restored.tornLines()).isEqualTo(1);
		assertThat(restored.corruptFiles()).isEmpty();
		assertThat(Files.readString(file)).as("left as it was").endsWith("\"time\":\"2026-");
	}

	@Test
	void corruptAndForeignFilesAreReportedAndLeftAlone() throws IOException {
		SnapshotStore first = store(1024 * 1024, SnapshotStore.Appender.FILES);
		first.restore();
		first.accept(this.capturer.capture(1, null));
		Path directory = this.temp.resolve("history");
		Path corrupt = Files.writeString(directory.resolve("snapshots-1.jsonl"), "not json\n{\"id\":\n");
		Path foreign = Files.writeString(directory.resolve("other.jsonl"), "{}\n");
		SnapshotStore second = store(1024 * 1024, SnapshotStore.Appender.FILES);
		RestoredHistory restored = second.restore();
		assertThat(restored.snapshots()).extracting(Snapshot::id).containsExactly(1L);
		assertThat(restored.corruptFiles()).containsExactly("snapshots-1.jsonl (2 undecodable line(s))");
		assertThat(restored.foreignFiles()).containsExactly("other.jsonl");
		second.accept(this.capturer.capture(2, null));
		assertThat(Files.readString(corrupt)).isEqualTo("not json\n{\"id\":\n");
		assertThat(Files.readString(foreign)).isEqualTo("{}\n");
		assertThat(second.sections().get(0).markdown()).contains("Corrupt files left alone: [snapshots-1.jsonl")
			.contains("Foreign files left alone: [other.jsonl]");
	}

	@Test
	void fullDiskStopsWritingAndSaysSo() {
		int[] writes = { 0 };
		SnapshotStore store = store(1024 * 1024, (file, bytes) -> {
			if (++writes[0] > 2) {
				throw new IOException("No space left on device");
			}
			Files.write(file, bytes, StandardOpenOption.APPEND);
		});
		store.restore();
		for (int i = 1; i <= 5; i++) {
			store.accept(this.capturer.capture(i, null));
		}
		assertThat(writes[0]).as("no retries after the failure").isEqualTo(3);
		assertThat(store.written()).isEqualTo(2);
		assertThat(store.stoppedReason()).isEqualTo("persisted history stopped writing at snapshot 3: "
				+ "java.io.IOException: No space left on device (full disk?); the app goes on with in-memory history");
		assertThat(store.sections().get(0).markdown()).contains("No space left on device");
	}

	@Test
	void unusableDirectoryIsReportedNotThrown() throws IOException {
		Path file = Files.writeString(this.temp.resolve("history"), "a file, not a directory");
		SnapshotStore store = store(1024 * 1024, SnapshotStore.Appender.FILES);
		assertThat(store.restore().snapshots()).isEmpty();
		store.accept(this.capturer.capture(1, null));
		assertThat(store.stoppedReason()).startsWith("persisted history unavailable: directory " + file);
	}

	@Test
	void aCleanStopWritesAMarkerTheNextRunReadsAndForcesWithinTheSyncInterval() throws IOException {
		SnapshotStore store = new SnapshotStore(this.temp.resolve("history"), new JacksonSnapshotCodec(), 1024 * 1024,
				Duration.ofDays(1), Clock.systemUTC(), SnapshotStore.Appender.FILES, Duration.ZERO, 1234L);
		store.restore();
		store.accept(this.capturer.capture(1, null));
		store.accept(this.capturer.capture(2, null));
		store.close();
		store.accept(this.capturer.capture(3, null));
		SnapshotStore.SyncStats stats = store.syncStats();
		assertThat(stats.lines()).isEqualTo(2);
		// sync interval 0: a force after each snapshot and one for the stop marker
		assertThat(stats.syncs()).isEqualTo(3);
		assertThat(stats.syncNanos()).isPositive();
		assertThat(stats.maxSyncNanos()).isPositive().isLessThanOrEqualTo(stats.syncNanos());
		assertThat(Files.readString(list().get(0)))
			.containsPattern("\\{\"stop\":\"clean\",\"time\":\"[0-9T:.Z-]+\",\"jvmStartMillis\":1234}\n$");
		RestoredHistory restored = store(1024 * 1024, SnapshotStore.Appender.FILES).restore();
		assertThat(restored.snapshots()).extracting(Snapshot::id).containsExactly(1L, 2L);
		assertThat(restored.cleanStops()).containsExactly(1234L);
		assertThat(restored.corruptFiles()).isEmpty();
	}

	@Test
	void withALongSyncIntervalOnlyTheFirstSnapshotIsForced() {
		SnapshotStore store = new SnapshotStore(this.temp.resolve("history"), new JacksonSnapshotCodec(), 1024 * 1024,
				Duration.ofDays(1), Clock.systemUTC(), SnapshotStore.Appender.FILES, Duration.ofHours(1), 1L);
		store.restore();
		for (int i = 1; i <= 5; i++) {
			store.accept(this.capturer.capture(i, null));
		}
		assertThat(store.syncStats().syncs()).isEqualTo(1);
		SnapshotStore never = new SnapshotStore(this.temp.resolve("history2"), new JacksonSnapshotCodec(), 1024 * 1024,
				Duration.ofDays(1), Clock.systemUTC(), SnapshotStore.Appender.FILES, null, 1L);
		never.restore();
		never.accept(this.capturer.capture(1, null));
		never.close();
		assertThat(never.syncStats().syncs()).isZero();
	}

	@Test
	void withoutAStopMarkerTheRunIsNotClean() {
		SnapshotStore store = store(1024 * 1024, SnapshotStore.Appender.FILES);
		store.restore();
		store.accept(this.capturer.capture(1, null));
		assertThat(store(1024 * 1024, SnapshotStore.Appender.FILES).restore().cleanStops()).isEmpty();
	}

	private List<Path> list() throws IOException {
		try (Stream<Path> files = Files.list(this.temp.resolve("history"))) {
			return files.filter((p) -> p.getFileName().toString().startsWith("snapshots-")).sorted().toList();
		}
	}

	private static long firstId(Path file) throws IOException {
		String first = Files.readAllLines(file, StandardCharsets.UTF_8).get(0);
		return new JacksonSnapshotCodec().decode(first).id();
	}

}
