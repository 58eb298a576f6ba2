package dev.memoryaudit.io;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * New private directories for the files the starter writes, created {@code rwx------} where the file system has
 * POSIX permissions, and their removal.
 */
public final class PrivateDirectories {

	private PrivateDirectories() {
	}

	/**
	 * Creates a new directory with a unique name.
	 * @param parent where to create it, created when missing; {@code null} for {@code java.io.tmpdir}
	 * @param prefix the name's prefix, e.g. {@code memory-audit-gclog-}
	 * @return the directory
	 * @throws IOException when it cannot be created
	 */
	public static Path create(@Nullable Path parent, String prefix) throws IOException {
		Path base = (parent != null) ? parent : Path.of(System.getProperty("java.io.tmpdir"));
		Files.createDirectories(base);
		boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
		return posix ? Files.createTempDirectory(base, prefix,
				PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")))
				: Files.createTempDirectory(base, prefix);
	}

	/**
	 * Makes a file readable and writable by its owner only, where the file system has POSIX permissions.
	 * @param file the file
	 */
	public static void restrict(Path file) {
		try {
			Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
		}
		catch (IOException | UnsupportedOperationException ex) {
			// the directory is private either way
		}
	}

	/**
	 * Deletes a directory and everything in it, as far as it can.
	 * @param directory the directory
	 */
	public static void deleteQuietly(Path directory) {
		try (Stream<Path> files = Files.walk(directory)) {
			files.sorted(Comparator.reverseOrder()).forEach((file) -> {
				try {
					Files.deleteIfExists(file);
				}
				catch (IOException ex) {
					// best effort
				}
			});
		}
		catch (IOException ex) {
			// best effort
		}
	}

}
