package dev.memoryaudit.test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

import dev.memoryaudit.fd.FdType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A file opened and never closed, caught by {@link FileDescriptorCheck}. The leaked streams are kept reachable (as a
 * component holding them would) so that no GC cleaner closes them during the test; they are closed afterwards.
 */
class FileDescriptorLeakTests {

	private static final FileDescriptorCheck SHORT_GRACE = FileDescriptorCheck.defaults()
		.gracePeriod(Duration.ofMillis(100));

	private final List<InputStream> opened = new CopyOnWriteArrayList<>();

	@TempDir
	Path directory;

	private Path file;

	@BeforeEach
	void createFile() throws IOException {
		assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "needs /proc/self/fd (Linux)");
		this.file = Files.writeString(this.directory.resolve("settings.txt"), "answer=42\n");
	}

	@AfterEach
	void closeLeakedStreams() throws IOException {
		for (InputStream stream : this.opened) {
			stream.close();
		}
	}

	private int readFirstByte(boolean close) throws IOException {
		InputStream in = Files.newInputStream(this.file);
		this.opened.add(in);
		try {
			return in.read();
		}
		finally {
			if (close) {
				in.close();
			}
		}
	}

	@Test
	void fileNeverClosedFailsWithTheDefaults() {
		assertThatThrownBy(() -> LeakAssertions.assertNoFileDescriptorsLeft(() -> readFirstByte(false)))
			.isInstanceOf(AssertionError.class)
			.hasMessageContaining("Open file descriptors left behind by the block (after a grace period of 500 ms)")
			.hasMessageContaining("settings.txt");
	}

	// the repeated runs use a 100 ms grace period: a leaking block always waits it out, and 20 x 500 ms is suite time
	@RepeatedTest(20)
	void fileNeverClosedFails() {
		assertThatThrownBy(() -> SHORT_GRACE.assertNoFileDescriptorsLeft(() -> readFirstByte(false)))
			.isInstanceOf(AssertionError.class)
			.hasMessageContaining("Open file descriptors left behind by the block (after a grace period of 100 ms)")
			.hasMessageMatching("(?s).*  file: \\d+ -> \\d+ \\(\\+\\d\\)\\n.*      fd \\d+ -> [^\\n]*/settings.txt\\n.*");
	}

	@RepeatedTest(20)
	void fileClosedPasses() {
		LeakAssertions.assertNoFileDescriptorsLeft(() -> readFirstByte(true));
	}

	@RepeatedTest(20)
	void fileClosedPassesWithShortGrace() {
		SHORT_GRACE.assertNoFileDescriptorsLeft(() -> readFirstByte(true));
	}

	@Test
	void descriptorsAreClassifiedByLinkTarget() {
		assertThat(FdType.classify("socket:[123]")).isEqualTo(FdType.SOCKET);
		assertThat(FdType.classify("pipe:[9]")).isEqualTo(FdType.PIPE);
		assertThat(FdType.classify("anon_inode:[eventpoll]")).isEqualTo(FdType.ANON_INODE);
		assertThat(FdType.classify("/usr/lib/jvm/lib/modules")).isEqualTo(FdType.FILE);
		assertThat(FdType.classify("/memfd:x (deleted)")).isEqualTo(FdType.FILE);
		assertThat(FdType.classify("net:[4026531840]")).isEqualTo(FdType.OTHER);
	}

	@Test
	void unreadableDescriptorDirectoryAbortsAfterRunningTheBlock() {
		FileDescriptorCheck check = new FileDescriptorCheck(this.directory.resolve("missing"), Duration.ZERO, 0);
		int[] runs = new int[1];
		assertThatThrownBy(() -> check.assertNoFileDescriptorsLeft(() -> runs[0]++))
			.isInstanceOf(TestAbortedException.class)
			.hasMessageContaining("file descriptors unavailable");
		assertThat(runs[0]).isEqualTo(1);
	}

}
