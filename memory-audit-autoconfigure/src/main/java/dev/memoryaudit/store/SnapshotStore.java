package dev.memoryaudit.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.memoryaudit.snapshot.Snapshot;
import dev.memoryaudit.trend.ReportSection;
import dev.memoryaudit.trend.ReportSectionContributor;
import dev.memoryaudit.trend.Verdict;
import org.jspecify.annotations.Nullable;

/**
 * Appends snapshots as JSON lines to files {@code snapshots-<epoch millis>.jsonl} in a private directory (0700,
 * files 0600), starting a new file on every start and whenever the current one would exceed the size limit, deleting
 * its own files older than the age limit; reads them back on start.
 * <p>
 * Failures never reach the caller: a last line cut short by a crash is skipped and counted; a file with undecodable
 * lines elsewhere is reported as corrupt and left alone; files it did not write are reported as foreign and left
 * alone; a failed write (a full disk) stops writing and says so in the {@code memorytrend} report.
 */
public final class SnapshotStore implements Consumer<Snapshot>, ReportSectionContributor {

	private static final Pattern OWN_NAME = Pattern.compile("snapshots-(\\d{1,19})\\.jsonl");

	private static final Set<PosixFilePermission> DIRECTORY_MODE = PosixFilePermissions.fromString("rwx------");

	private static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");

	private final Path directory;

	private final SnapshotCodec codec;

	private final long maxFileBytes;

	private final Duration maxAge;

	private final Clock clock;

	private final Appender appender;

	private final Object lock = new Object();

	private @Nullable Path current;

	private long currentBytes;

	private long lastFileMillis;

	private long written;

	private volatile @Nullable String stopped;

	private volatile @Nullable RestoredHistory restored;

	/**
	 * Appends bytes to a file; a seam so tests can simulate a full disk.
	 */
	@FunctionalInterface
	public interface Appender {

		/**
		 * Appends to a file that exists.
		 * @param file the file
		 * @param bytes the bytes
		 * @throws IOException when the write fails
		 */
		void append(Path file, byte[] bytes) throws IOException;

		/**
		 * Appends with {@link Files#write}.
		 */
		Appender FILES = (file, bytes) -> Files.write(file, bytes, StandardOpenOption.APPEND,
				StandardOpenOption.WRITE);

	}

	/**
	 * Creates a store.
	 * @param directory the private directory
	 * @param codec the line format
	 * @param maxFileBytes size after which a new file is started
	 * @param maxAge age after which an own file is deleted
	 * @param clock the wall clock
	 * @param appender writes the bytes
	 */
	public SnapshotStore(Path directory, SnapshotCodec codec, long maxFileBytes, Duration maxAge, Clock clock,
			Appender appender) {
		this.directory = directory;
		this.codec = codec;
		this.maxFileBytes = maxFileBytes;
		this.maxAge = maxAge;
		this.clock = clock;
		this.appender = appender;
	}

	/**
	 * Prepares the directory and reads back what earlier runs wrote; never throws.
	 * @return the restored history, empty when the directory could not be prepared
	 */
	public RestoredHistory restore() {
		synchronized (this.lock) {
			try {
				prepareDirectory();
			}
			catch (IOException | RuntimeException ex) {
				this.stopped = "persisted history unavailable: directory " + this.directory
						+ " could not be prepared (" + ex + ")";
				RestoredHistory empty = new RestoredHistory(List.of(), 0, List.of(), List.of());
				this.restored = empty;
				return empty;
			}
			Map<Long, Path> own = new TreeMap<>();
			List<String> foreign = new ArrayList<>();
			try (DirectoryStream<Path> entries = Files.newDirectoryStream(this.directory)) {
				for (Path entry : entries) {
					Matcher matcher = OWN_NAME.matcher(entry.getFileName().toString());
					if (matcher.matches() && Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) {
						own.put(Long.parseLong(matcher.group(1)), entry);
					}
					else {
						foreign.add(entry.getFileName().toString());
					}
				}
			}
			catch (IOException | RuntimeException ex) {
				this.stopped = "persisted history unavailable: " + this.directory + " could not be listed (" + ex + ")";
			}
			Map<Long, Snapshot> byId = new TreeMap<>();
			int torn = 0;
			List<String> corrupt = new ArrayList<>();
			for (Map.Entry<Long, Path> file : own.entrySet()) {
				this.lastFileMillis = Math.max(this.lastFileMillis, file.getKey());
				String text;
				try {
					text = Files.readString(file.getValue(), StandardCharsets.UTF_8);
				}
				catch (IOException | RuntimeException ex) {
					corrupt.add(file.getValue().getFileName() + " (unreadable: " + ex + ")");
					continue;
				}
				String[] lines = text.split("\n", -1);
				// after the final line break split yields "", else the last element is an unterminated line
				int bad = 0;
				for (int i = 0; i < lines.length; i++) {
					String line = lines[i];
					boolean last = i == lines.length - 1;
					if (line.isEmpty()) {
						continue;
					}
					if (last) {
						torn++;
						continue;
					}
					try {
						Snapshot snapshot = this.codec.decode(line);
						byId.putIfAbsent(snapshot.id(), snapshot);
					}
					catch (RuntimeException ex) {
						bad++;
					}
				}
				if (bad > 0) {
					corrupt.add(file.getValue().getFileName() + " (" + bad + " undecodable line(s))");
				}
			}
			RestoredHistory history = new RestoredHistory(new ArrayList<>(byId.values()), torn, corrupt, foreign);
			this.restored = history;
			return history;
		}
	}

	private void prepareDirectory() throws IOException {
		boolean posix = isPosix();
		if (!Files.exists(this.directory, LinkOption.NOFOLLOW_LINKS)) {
			if (posix) {
				Files.createDirectories(this.directory, PosixFilePermissions.asFileAttribute(DIRECTORY_MODE));
			}
			else {
				Files.createDirectories(this.directory);
			}
		}
		if (!Files.isDirectory(this.directory, LinkOption.NOFOLLOW_LINKS)) {
			throw new IOException(this.directory + " is not a directory");
		}
		if (posix) {
			Files.setPosixFilePermissions(this.directory, DIRECTORY_MODE);
		}
	}

	private boolean isPosix() {
		Path probe = (this.directory.toAbsolutePath().getParent() != null) ? this.directory.toAbsolutePath().getParent()
				: this.directory.toAbsolutePath();
		return Files.getFileAttributeView(probe, PosixFileAttributeView.class) != null;
	}

	/**
	 * Appends a snapshot; after a failed write it stops writing and reports why.
	 * @param snapshot the snapshot
	 */
	@Override
	public void accept(Snapshot snapshot) {
		synchronized (this.lock) {
			if (this.stopped != null) {
				return;
			}
			byte[] line = (this.codec.encode(snapshot) + "\n").getBytes(StandardCharsets.UTF_8);
			try {
				if (this.current == null || this.currentBytes + line.length > this.maxFileBytes) {
					startFile();
				}
				this.appender.append(this.current, line);
				this.currentBytes += line.length;
				this.written++;
			}
			catch (IOException | RuntimeException ex) {
				this.stopped = "persisted history stopped writing at snapshot " + snapshot.id() + ": " + ex
						+ " (full disk?); the app goes on with in-memory history";
			}
		}
	}

	private void startFile() throws IOException {
		long millis = Math.max(this.clock.millis(), this.lastFileMillis + 1);
		this.lastFileMillis = millis;
		Path file = this.directory.resolve("snapshots-" + millis + ".jsonl");
		if (isPosix()) {
			Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE_MODE));
			Files.setPosixFilePermissions(file, FILE_MODE);
		}
		else {
			Files.createFile(file);
		}
		this.current = file;
		this.currentBytes = 0;
		deleteExpired();
	}

	private void deleteExpired() {
		Instant cutoff = this.clock.instant().minus(this.maxAge);
		try (DirectoryStream<Path> entries = Files.newDirectoryStream(this.directory)) {
			for (Path entry : entries) {
				if (entry.equals(this.current) || !OWN_NAME.matcher(entry.getFileName().toString()).matches()) {
					continue;
				}
				if (Files.getLastModifiedTime(entry, LinkOption.NOFOLLOW_LINKS).toInstant().isBefore(cutoff)) {
					Files.deleteIfExists(entry);
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// retried at the next rotation
		}
	}

	/**
	 * Why writing stopped, or {@code null} while writing.
	 * @return the reason
	 */
	public @Nullable String stoppedReason() {
		return this.stopped;
	}

	/**
	 * Lines written by this run.
	 * @return the count
	 */
	public long written() {
		synchronized (this.lock) {
			return this.written;
		}
	}

	public Path directory() {
		return this.directory;
	}

	@Override
	public List<ReportSection> sections() {
		RestoredHistory history = this.restored;
		Map<String, Object> body = new LinkedHashMap<>();
		StringBuilder markdown = new StringBuilder("## Persisted history\n\n");
		body.put("directory", this.directory.toString());
		markdown.append("Directory `").append(this.directory).append("`.");
		if (history != null) {
			List<Snapshot> snapshots = history.snapshots();
			body.put("restoredSnapshots", snapshots.size());
			if (!snapshots.isEmpty()) {
				body.put("restoredIds", snapshots.get(0).id() + ".." + snapshots.get(snapshots.size() - 1).id());
				body.put("restoredFrom", snapshots.get(0).time());
				markdown.append(" Restored ")
					.append(snapshots.size())
					.append(" snapshots of earlier runs (ids ")
					.append(body.get("restoredIds"))
					.append(", since ")
					.append(snapshots.get(0).time())
					.append("); a restart starts a new trend segment.");
			}
			body.put("tornLines", history.tornLines());
			body.put("corruptFiles", history.corruptFiles());
			body.put("foreignFiles", history.foreignFiles());
			if (history.tornLines() > 0) {
				markdown.append(" Skipped ").append(history.tornLines()).append(" torn last line(s) after a crash.");
			}
			if (!history.corruptFiles().isEmpty()) {
				markdown.append(" Corrupt files left alone: ").append(history.corruptFiles()).append('.');
			}
			if (!history.foreignFiles().isEmpty()) {
				markdown.append(" Foreign files left alone: ").append(history.foreignFiles()).append('.');
			}
		}
		body.put("written", written());
		String reason = this.stopped;
		if (reason != null) {
			body.put("stopped", reason);
			markdown.append(" **").append(reason).append("**");
		}
		markdown.append('\n');
		return List.of(new ReportSection("history", Verdict.INSUFFICIENT_DATA, body, markdown.toString()));
	}

}
