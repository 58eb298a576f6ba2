package dev.memoryaudit.marking;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class GcLogMarkingSourceTests {

	@TempDir
	Path parent;

	@Test
	void aRefusedLogSelectionIsUnavailableWithTheJvmsMessageAndLeavesNoDirectory() throws Exception {
		GcLogMarkingSource source = GcLogMarkingSource.start(this.parent,
				(arguments) -> "Invalid tag 'liveness' in log selection.\n", List.of("G1 Young Generation"));
		assertThat(source.unavailableReason()).contains("VM.log refused").contains("Invalid tag 'liveness'");
		assertThat(source.readsMarkingLog()).isFalse();
		assertThat(source.drainMeasurements()).isEmpty();
		try (var files = Files.list(this.parent)) {
			assertThat(files).isEmpty();
		}
	}

	@Test
	void aJvmWithoutTheCommandIsUnavailableAndNothingElseChanges() {
		GcLogMarkingSource source = GcLogMarkingSource.start(this.parent, (arguments) -> {
			throw new IllegalStateException("the DiagnosticCommand MBean is not registered on this JVM");
		}, List.of("ZGC Cycles", "ZGC Pauses"));
		assertThat(source.collector()).isEqualTo("ZGC");
		assertThat(source.unavailableReason()).contains("cannot turn on the gc+heap=info log")
			.contains("not registered");
		source.close();
	}

	@Test
	void afterARotationTheRestOfTheOldFileIsReadFirst() throws Exception {
		GcLogMarkingSource source = GcLogMarkingSource.start(this.parent, (arguments) -> "", List.of("ZGC Cycles"));
		Path log = source.directory().resolve("marking.log");
		Files.writeString(log, "[1000ms][gc,heap] GC(0)      Live:         -     60M (26%)\n", StandardOpenOption.CREATE,
				StandardOpenOption.APPEND);
		assertThat(source.drainMeasurements()).hasSize(1);
		// the JVM appends one more line, then rotates (renames to .0) and starts a new file
		Files.writeString(log, "[2000ms][gc,heap] GC(1)      Live:         -     61M (26%)\n", StandardOpenOption.APPEND);
		Files.move(log, log.resolveSibling("marking.log.0"));
		Files.writeString(log, "[3000ms][gc,heap] GC(2)      Live:         -     62M (26%)\n");
		assertThat(source.drainMeasurements()).extracting((m) -> m.bytes() / (1024 * 1024)).containsExactly(61L, 62L);
		// between the rename and the new file: nothing, and no failure
		Files.move(log, log.resolveSibling("marking.log.0"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
		assertThat(source.drainMeasurements()).isEmpty();
		assertThat(source.unavailableReason()).isNull();
		source.close();
	}

	@Test
	void parallelAndSerialNeedNoLog() {
		List<String> commands = new ArrayList<>();
		GcLogMarkingSource parallel = GcLogMarkingSource.start(this.parent, (arguments) -> {
			commands.add(String.join(" ", arguments));
			return "";
		}, List.of("PS Scavenge", "PS MarkSweep"));
		assertThat(parallel.collector()).isEqualTo("Parallel");
		assertThat(parallel.unavailableReason()).contains("its full collections measure the live set");
		assertThat(commands).isEmpty();
	}

	@Test
	void turnsTheOutputOnReadsAppendedLinesAcrossPartialWritesAndTurnsItOffOnClose() throws Exception {
		List<String> commands = new ArrayList<>();
		GcLogMarkingSource source = GcLogMarkingSource.start(this.parent, (arguments) -> {
			commands.add(String.join(" ", arguments));
			return "";
		}, List.of("ZGC Cycles"));
		assertThat(source.readsMarkingLog()).isTrue();
		assertThat(commands.get(0)).contains("what=gc+heap=info").contains("decorators=timemillis,tags")
			.contains("output_options=filecount=1,filesize=4m");
		Path log = source.directory().resolve("marking.log");
		Files.writeString(log, "[1000ms][gc,heap] GC(0)      Live:         -     6", StandardOpenOption.CREATE,
				StandardOpenOption.APPEND);
		assertThat(source.drainMeasurements()).isEmpty();
		// the JVM appends the rest of the line and another: the split line is read whole once complete
		Files.writeString(log, "5M (26%)\n[2000ms][gc,heap] GC(1)      Live:         -     66M (26%)\n",
				StandardOpenOption.APPEND);
		assertThat(source.drainMeasurements()).extracting((m) -> m.bytes() / (1024 * 1024)).containsExactly(65L, 66L);
		// the JVM rotated the file (it is shorter than what was read): reading starts over
		Files.writeString(log, "[3000ms][gc,heap] GC(2)      Live:         -     67M (26%)\n");
		assertThat(source.drainMeasurements()).extracting((m) -> m.bytes() / (1024 * 1024)).containsExactly(67L);
		Path directory = source.directory();
		source.close();
		assertThat(commands.get(commands.size() - 1)).contains("what=all=off");
		assertThat(directory).doesNotExist();
	}

}
