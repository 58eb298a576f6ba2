package dev.memoryaudit.retention;

import java.io.IOException;
import java.nio.file.Path;

import dev.memoryaudit.io.PrivateDirectories;
import jdk.jfr.Recording;

/**
 * Our own JFR recording with only {@code jdk.OldObjectSample} enabled (with stack traces, for the allocation sites),
 * bounded in age and size, writing into a private directory; it changes no global JFR setting and never touches
 * recordings the user runs.
 */
public final class RetentionRecorder implements AutoCloseable {

	/**
	 * The event this recording enables, and nothing else.
	 */
	public static final String EVENT = "jdk.OldObjectSample";

	private final Recording recording;

	private final Path directory;

	private boolean closed;

	private RetentionRecorder(Recording recording, Path directory) {
		this.recording = recording;
		this.directory = directory;
	}

	/**
	 * Creates the private directory and starts the recording.
	 * @param settings the settings
	 * @return the started recorder
	 * @throws IOException when the directory cannot be created
	 */
	public static RetentionRecorder start(RetentionSettings settings) throws IOException {
		Path directory = createPrivateDirectory(settings);
		Recording recording = new Recording();
		try {
			recording.setName("memory-audit-retention");
			// stack traces: where each sampled object was allocated (AllocationSite)
			recording.enable(EVENT).with("cutoff", settings.jfrCutoff()).withStackTrace();
			recording.setToDisk(true);
			recording.setMaxAge(settings.maxAge());
			recording.setMaxSize(settings.maxSize());
			recording.start();
		}
		catch (RuntimeException ex) {
			recording.close();
			deleteQuietly(directory);
			throw ex;
		}
		return new RetentionRecorder(recording, directory);
	}

	private static Path createPrivateDirectory(RetentionSettings settings) throws IOException {
		return PrivateDirectories.create(settings.parentDirectory(), "memory-audit-retention-");
	}

	/**
	 * Writes the recording so far, with paths to GC roots as far as the cutoff allows, to a file in the private
	 * directory.
	 * @param name the file name
	 * @return the file
	 * @throws IOException when writing fails
	 */
	public synchronized Path dump(String name) throws IOException {
		if (this.closed) {
			throw new IllegalStateException("the retention recording is closed");
		}
		Path file = this.directory.resolve(name);
		this.recording.dump(file);
		return file;
	}

	public Path directory() {
		return this.directory;
	}

	/**
	 * The recording's id, to tell it apart from other recordings in {@code FlightRecorder.getRecordings()}.
	 * @return the id
	 */
	public long recordingId() {
		return this.recording.getId();
	}

	/**
	 * Stops and closes the recording, then deletes the private directory.
	 */
	@Override
	public synchronized void close() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		// No destination is set, so closing writes no file; dumps go to the private directory and are deleted after
		// reading.
		this.recording.close();
		deleteQuietly(this.directory);
	}

	static void deleteQuietly(Path directory) {
		PrivateDirectories.deleteQuietly(directory);
	}

}
