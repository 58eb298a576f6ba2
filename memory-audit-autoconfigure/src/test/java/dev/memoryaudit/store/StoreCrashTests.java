package dev.memoryaudit.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import dev.memoryaudit.actuate.MemorySnapshotsEndpoint;
import dev.memoryaudit.autoconfigure.JacksonSnapshotCodec;
import dev.memoryaudit.autoconfigure.MemoryAuditAutoConfiguration;
import dev.memoryaudit.autoconfigure.MemoryAuditEndpointAutoConfiguration;
import dev.memoryaudit.autoconfigure.MemoryAuditStoreAutoConfiguration;
import dev.memoryaudit.engine.MemoryAuditEngine;
import dev.memoryaudit.report.SnapshotSummary;
import dev.memoryaudit.snapshot.Snapshot;
import dev.memoryaudit.trend.ReportSection;
import dev.memoryaudit.trend.TrendReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kills a child JVM with {@code destroyForcibly} (SIGKILL) while it appends snapshots to the store, at least three
 * times (more until a kill has torn a line; the child writes each line in two halves with a 3 ms pause, like a slow
 * disk, so most kills do), restarting it in between; then starts the auto-configured engine on the same directory. The history is intact up
 * to the torn line of each kill (every complete line restores, ids contiguous across all runs, a torn last line is
 * skipped and counted), {@code memorysnapshots} lists the earlier runs' snapshots before this run's, and the trend
 * report starts a new segment at this run while its {@code history} section names the restored ones.
 */
class StoreCrashTests {

	@TempDir
	Path directory;

	@Test
	void killNineWhileWritingLosesAtMostTheTornLine() throws Exception {
		// at least three kills, and more (up to eight) until one has torn a line
		int runs = 0;
		while (runs < 3 || (runs < 8 && tornFiles() == 0)) {
			int run = ++runs;
			int filesBefore = ownFiles().size();
			Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
					"-Xmx64m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
					StoreWriterMain.class.getName(), this.directory.toString())
				.redirectErrorStream(true)
				.redirectOutput(this.directory.resolveSibling("child-" + run + ".log").toFile())
				.start();
			try {
				long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
				while (ownFiles().size() < filesBefore + 3 && System.nanoTime() < deadline && child.isAlive()) {
					Thread.sleep(20);
				}
				assertThat(child.isAlive()).as("child still writing").isTrue();
			}
			finally {
				child.destroyForcibly();
				child.waitFor();
			}
			assertThat(ownFiles().size()).isGreaterThanOrEqualTo(filesBefore + 3);
		}

		List<Long> completeIds = new ArrayList<>();
		int tornOnDisk = 0;
		JacksonSnapshotCodec codec = new JacksonSnapshotCodec();
		for (Path file : ownFiles()) {
			String text = Files.readString(file, StandardCharsets.UTF_8);
			String[] lines = text.split("\n", -1);
			for (int i = 0; i < lines.length - 1; i++) {
				completeIds.add(codec.decode(lines[i]).id());
			}
			if (!lines[lines.length - 1].isEmpty()) {
				tornOnDisk++;
			}
		}
		assertThat(completeIds).as("ids continue across the killed runs without gaps")
			.isEqualTo(Stream.iterate(1L, (i) -> i + 1).limit(completeIds.size()).toList());

		RestoredHistory restored = new SnapshotStore(this.directory, codec, 64 * 1024, Duration.ofDays(1),
				java.time.Clock.systemUTC(), SnapshotStore.Appender.FILES).restore();
		assertThat(restored.snapshots()).extracting(Snapshot::id).isEqualTo(completeIds);
		assertThat(tornOnDisk).as("a kill tore a line in %d runs", runs).isPositive();
		assertThat(restored.tornLines()).isEqualTo(tornOnDisk);
		assertThat(restored.corruptFiles()).isEmpty();
		assertThat(restored.foreignFiles()).isEmpty();
		long lastRestored = completeIds.get(completeIds.size() - 1);
		int filesAfterKills = ownFiles().size();
		System.out.printf("%d runs killed: %d snapshots restored, %d torn line(s) skipped, %d files%n", runs,
				completeIds.size(), tornOnDisk, ownFiles().size());

		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(MemoryAuditAutoConfiguration.class,
					MemoryAuditStoreAutoConfiguration.class, MemoryAuditEndpointAutoConfiguration.class,
					EndpointAutoConfiguration.class, WebEndpointAutoConfiguration.class))
			.withPropertyValues("memory.audit.snapshot.initial-delay=1h", "memory.audit.store.directory=" + this.directory,
					"management.endpoints.web.exposure.include=memorysnapshots")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				MemoryAuditEngine engine = context.getBean(MemoryAuditEngine.class);
				Snapshot first = engine.tick(0L);
				engine.tick(0L);
				assertThat(first.id()).as("ids continue after the restored ones").isEqualTo(lastRestored + 1);
				@SuppressWarnings("unchecked")
				List<SnapshotSummary> listed = (List<SnapshotSummary>) context.getBean(MemorySnapshotsEndpoint.class)
					.snapshots()
					.get("snapshots");
				List<Long> expected = new ArrayList<>(completeIds);
				expected.add(lastRestored + 1);
				expected.add(lastRestored + 2);
				assertThat(listed).extracting(SnapshotSummary::id).isEqualTo(expected);
				TrendReport report = engine.trend();
				assertThat(report.snapshots()).isEqualTo(expected.size());
				assertThat(report.segmentStart()).as("a restart starts a new segment").isEqualTo(first.time());
				ReportSection history = report.sections()
					.stream()
					.filter((s) -> s.getName().equals("history"))
					.findFirst()
					.orElseThrow();
				assertThat(history.markdown()).contains("Restored " + completeIds.size() + " snapshots of earlier runs")
					.contains("a restart starts a new trend segment");
				// the new run appends to a new file, after the restored lines
				assertThat(ownFiles()).hasSizeGreaterThan(filesAfterKills);
			});
		try (Stream<Path> files = Files.list(this.directory)) {
			assertThat(files.filter((p) -> !p.getFileName().toString().startsWith("snapshots-"))).isEmpty();
		}
	}

	private int tornFiles() throws IOException {
		int torn = 0;
		for (Path file : ownFiles()) {
			String text = Files.readString(file, StandardCharsets.UTF_8);
			torn += (!text.isEmpty() && !text.endsWith("\n")) ? 1 : 0;
		}
		return torn;
	}

	private List<Path> ownFiles() throws IOException {
		try (Stream<Path> files = Files.list(this.directory)) {
			return files.filter((p) -> p.getFileName().toString().matches("snapshots-\\d+\\.jsonl"))
				.sorted((a, b) -> Long.compare(millis(a), millis(b)))
				.toList();
		}
	}

	private static long millis(Path file) {
		String name = file.getFileName().toString();
		return Long.parseLong(name.substring("snapshots-".length(), name.length() - ".jsonl".length()));
	}

}
