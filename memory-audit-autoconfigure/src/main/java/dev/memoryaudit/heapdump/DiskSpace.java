package dev.memoryaudit.heapdump;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Usable disk space of a directory's file store; a seam so tests can simulate a full disk.
 */
@FunctionalInterface
public interface DiskSpace {

	/**
	 * The file system's usable space.
	 */
	DiskSpace FILE_STORE = (directory) -> Files.getFileStore(directory).getUsableSpace();

	/**
	 * Usable bytes where the directory lives.
	 * @param directory the directory
	 * @return usable bytes
	 * @throws IOException when the file store cannot be read
	 */
	long usableBytes(Path directory) throws IOException;

}
