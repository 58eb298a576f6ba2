package dev.memoryaudit.fd;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.Pipe;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class FdTypeReaderTests {

	@TempDir
	Path temp;

	private final FdTypeReader reader = new FdTypeReader(FdTypeReader.PROC_SELF_FD, 100_000, Duration.ofSeconds(10),
			Clock.systemUTC());

	@Test
	@EnabledOnOs(OS.LINUX)
	void countsFiftySocketsPipesAndFilesAndTheirClosing() throws IOException {
		try (ServerSocketChannel server = ServerSocketChannel.open()) {
			server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
			closeAll(open(server, 1, 1, 1, "warmup")); // class loading and lazy JDK descriptors before the baseline
			FdCensus before = this.reader.read();
			List<AutoCloseable> opened = open(server, 25, 25, 50, "counted");
			FdCensus during = this.reader.read();
			closeAll(opened);
			FdCensus after = this.reader.read();

			assertThat(during.count(FdType.SOCKET) - before.count(FdType.SOCKET)).isEqualTo(50);
			assertThat(during.count(FdType.PIPE) - before.count(FdType.PIPE)).isEqualTo(50);
			// class loading on another thread may open a jar meanwhile
			assertThat(during.count(FdType.FILE) - before.count(FdType.FILE)).isBetween(50L, 52L);
			assertThat(during.truncated()).isFalse();
			assertThat(during.classified()).isEqualTo(during.listed());

			assertThat(after.count(FdType.SOCKET)).isEqualTo(before.count(FdType.SOCKET));
			assertThat(after.count(FdType.PIPE)).isEqualTo(before.count(FdType.PIPE));
			assertThat(after.count(FdType.FILE)).isBetween(before.count(FdType.FILE) - 2, before.count(FdType.FILE) + 2);
		}
	}

	/**
	 * Opens connected socket pairs (two descriptors each), pipes (two descriptors each: source and sink) and files.
	 */
	private List<AutoCloseable> open(ServerSocketChannel server, int socketPairs, int pipes, int files, String prefix)
			throws IOException {
		List<AutoCloseable> opened = new ArrayList<>();
		for (int i = 0; i < socketPairs; i++) {
			opened.add(SocketChannel.open(server.getLocalAddress()));
			opened.add(server.accept());
		}
		for (int i = 0; i < pipes; i++) {
			Pipe pipe = Pipe.open();
			opened.add(pipe.source());
			opened.add(pipe.sink());
		}
		for (int i = 0; i < files; i++) {
			opened.add(FileChannel.open(this.temp.resolve(prefix + i), StandardOpenOption.CREATE,
					StandardOpenOption.WRITE));
		}
		return opened;
	}

	private static void closeAll(List<AutoCloseable> opened) {
		for (AutoCloseable closeable : opened) {
			try {
				closeable.close();
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		}
	}

	@Test
	@EnabledOnOs(OS.LINUX)
	void capCutsTheCensusShortAndSaysSo() {
		FdTypeReader capped = new FdTypeReader(FdTypeReader.PROC_SELF_FD, 3, Duration.ofSeconds(10),
				Clock.systemUTC());
		FdCensus census = capped.read();
		assertThat(census.classified()).isEqualTo(3);
		assertThat(census.listed()).isGreaterThan(3);
		assertThat(census.truncated()).isTrue();
		assertThat(census.truncation()).contains("memory.audit.fd.max-read").contains("3 of " + census.listed());
		assertThat(census.counts().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(3);
	}

	@Test
	@EnabledOnOs(OS.LINUX)
	void doesNotCountItsOwnDirectoryHandle() {
		FdCensus census = this.reader.read();
		assertThat(census.listed()).isEqualTo(census.counts().values().stream().mapToLong(Long::longValue).sum());
		FdCensus again = this.reader.read();
		assertThat(again.listed()).isEqualTo(census.listed());
	}

	@Test
	void missingDirectoryIsUnavailableWithoutFailing() {
		FdTypeReader missing = new FdTypeReader(this.temp.resolve("no-proc/self/fd"), 10, Duration.ofSeconds(1),
				Clock.systemUTC());
		assertThat(missing.isAvailable()).isFalse();
		assertThat(missing.read()).isNull();
		assertThat(missing.unavailableReason()).contains("no-proc/self/fd");
		FdTypeSampler sampler = new FdTypeSampler(missing);
		assertThat(sampler.sample()).isEmpty();
		assertThat(sampler.latest()).isNull();
	}

	@Test
	void classifiesLinkTargets() {
		assertThat(FdType.classify("socket:[22937]")).isEqualTo(FdType.SOCKET);
		assertThat(FdType.classify("pipe:[22931]")).isEqualTo(FdType.PIPE);
		assertThat(FdType.classify("anon_inode:[eventpoll]")).isEqualTo(FdType.ANON_INODE);
		assertThat(FdType.classify("anon_inode:[eventfd]")).isEqualTo(FdType.ANON_INODE);
		assertThat(FdType.classify("/usr/lib/jvm/java-17-openjdk-amd64/lib/modules")).isEqualTo(FdType.FILE);
		assertThat(FdType.classify("/dev/null")).isEqualTo(FdType.FILE);
		assertThat(FdType.classify("net:[4026531840]")).isEqualTo(FdType.OTHER);
		assertThat(FdType.ANON_INODE.tag()).isEqualTo("anon_inode");
	}

	@Test
	@EnabledOnOs(OS.LINUX)
	void samplerContributesOneSeriesPerTypeAndKeepsTheCensus() {
		FdTypeSampler sampler = new FdTypeSampler(this.reader);
		assertThat(sampler.sample()).containsOnlyKeys("fd.socket", "fd.pipe", "fd.anon_inode", "fd.file", "fd.other");
		assertThat(sampler.latest()).isNotNull();
		assertThat(FdTypeSampler.seriesDefinitions()).extracting((d) -> d.name())
			.containsExactly("fd.socket", "fd.pipe", "fd.anon_inode", "fd.file", "fd.other");
	}

}
