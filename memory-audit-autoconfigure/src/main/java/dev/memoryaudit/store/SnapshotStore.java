package dev.memoryaudit.store;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.channels.FileChannel;
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
import java.util.HashSet;
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
 * Durability: every snapshot is written with {@code write(2)} when it is taken, so it survives the process being
 * killed (SIGKILL, the kernel's OOM killer, an {@code OutOfMemoryError} that ends the JVM): the kernel holds the data.
 * What a crash of the host or a power loss can take is bounded by the sync interval: at most once per interval the
 * file is forced to the device ({@code fsync}), and the cost of each force is measured ({@link #syncStats()}). A clean
 * stop ({@link #close()}) appends a stop marker line, so that the next run can tell a clean stop from a process that
 * vanished ({@link PreviousInstance}).
 * <p>
 * Failures never reach the caller: a last line cut short by a crash is skipped and counted; a file with undecodable
 * lines elsewhere is reported as corrupt and left alone; files it did not write are reported as foreign and left
 * alone; a failed write (a full disk) stops writing and says so in the {@code memorytrend} report.
 */
public final class SnapshotStore implements Consumer<Snapshot>, ReportSectionContributor {

	private static final Pattern OWN_NAME = Pattern.compile("snapshots-(\\d{1,19})\\.jsonl");

	/** A clean stop: {@code {"stop":"clean","time":"...","jvmStartMillis":N}}. */
	private static final Pattern STOP_LINE = Pattern
		.compile("\\{\"stop\":\"clean\",\"time\":\"[^\"]*\",\"jvmStartMillis\":(\\d{1,19})}");

	private static final Set<PosixFilePermission> DIRECTORY_MODE = PosixFilePermissions.fromString("rwx------");

	private static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");

	private final Path directory;

	private final SnapshotCodec codec;

	private final long maxFileBytes;

	private final Duration maxAge;

	private final Clock clock;

	private final Appender appender;

	private final @Nullable Duration syncInterval;

	private final long jvmStartMillis;

	private final Object lock = new Object();

	private long lastSyncNanos;

	private long syncs;

	private long syncNanosTotal;

	private long syncNanosMax;

	private long writeNanosTotal;

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
		this(directory, codec, maxFileBytes, maxAge, clock, appender, null,
				ManagementFactory.getRuntimeMXBean().getStartTime());
	}

	/**
	 * Creates a store that forces its file to the device at most once per sync interval.
	 * @param directory the private directory
	 * @param codec the line format
	 * @param maxFileBytes size after which a new file is started
	 * @param maxAge age after which an own file is deleted
	 * @param clock the wall clock
	 * @param appender writes the bytes
	 * @param syncInterval force the file to the device when this long has passed since the last force ({@code ZERO}:
	 * after every snapshot); {@code null} never forces (the kernel writes back on its own, within about 30 s)
	 * @param jvmStartMillis the start time of this JVM, written into the stop marker
	 */
	public SnapshotStore(Path directory, SnapshotCodec codec, long maxFileBytes, Duration maxAge, Clock clock,
			Appender appender, @Nullable Duration syncInterval, long jvmStartMillis) {
		this.directory = directory;
		this.codec = codec;
		this.maxFileBytes = maxFileBytes;
		this.maxAge = maxAge;
		this.clock = clock;
		this.appender = appender;
		this.syncInterval = syncInterval;
		this.jvmStartMillis = jvmStartMillis;
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
				RestoredHistory empty = new RestoredHistory(List.of(), 0, List.of(), List.of(), Set.of());
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
			Set<Long> cleanStops = new HashSet<>();
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
					Matcher stop = STOP_LINE.matcher(line);
					if (stop.matches()) {
						cleanStops.add(Long.parseLong(stop.group(1)));
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
			RestoredHistory history = new RestoredHistory(new ArrayList<>(byId.values()), torn, corrupt, foreign,
					cleanStops);
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
				write(line, false);
				this.written++;
			}
			catch (IOException | RuntimeException ex) {
				this.stopped = "persisted history stopped writing at snapshot " + snapshot.id() + ": " + ex
						+ " (full disk?); the app goes on with in-memory history";
			}
		}
	}

	private void write(byte[] line, boolean forceSync) throws IOException {
		long start = System.nanoTime();
		if (this.current == null || this.currentBytes + line.length > this.maxFileBytes) {
			startFile();
		}
		Path file = this.current;
		this.appender.append(file, line);
		this.currentBytes += line.length;
		long written = System.nanoTime();
		this.writeNanosTotal += written - start;
		Duration interval = this.syncInterval;
		boolean due = forceSync || (interval != null
				&& (this.syncs == 0 || written - this.lastSyncNanos >= interval.toNanos()));
		if (due && interval != null) {
			try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
				channel.force(false);
			}
			long synced = System.nanoTime();
			this.syncs++;
			this.syncNanosTotal += synced - written;
			this.syncNanosMax = Math.max(this.syncNanosMax, synced - written);
			this.lastSyncNanos = synced;
		}
	}

	/**
	 * Appends the clean-stop marker and forces the file to the device (when a sync interval is set); called when the
	 * application context closes. Never throws; later snapshots are not written.
	 */
	public void close() {
		synchronized (this.lock) {
			if (this.stopped != null) {
				return;
			}
			String marker = "{\"stop\":\"clean\",\"time\":\"" + this.clock.instant() + "\",\"jvmStartMillis\":"
					+ this.jvmStartMillis + "}\n";
			try {
				write(marker.getBytes(StandardCharsets.UTF_8), true);
			}
			catch (IOException | RuntimeException ex) {
				// the next run reads this one as vanished: the honest answer when the marker could not be written
			}
			this.stopped = "persisted history closed: the application stopped";
		}
	}

	/**
	 * What writing and forcing cost so far.
	 * @return the figures
	 */
	public SyncStats syncStats() {
		synchronized (this.lock) {
			return new SyncStats(this.written, this.writeNanosTotal, this.syncs, this.syncNanosTotal,
					this.syncNanosMax, this.syncInterval);
		}
	}

	/**
	 * Write and force costs.
	 *
	 * @param lines snapshot lines written
	 * @param writeNanos time spent writing them
	 * @param syncs forces to the device
	 * @param syncNanos time spent forcing
	 * @param maxSyncNanos the longest force
	 * @param interval the sync interval, {@code null} when the store never forces
	 */
	public record SyncStats(long lines, long writeNanos, long syncs, long syncNanos, long maxSyncNanos,
			@Nullable Duration interval) {
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
		return sections(List.of());
	}

	/**
	 * How the previous instance ended, from the restored history and the current snapshots.
	 * @param history the engine's snapshots, oldest first
	 * @return the previous instance, {@code null} when the history holds none
	 */
	public @Nullable PreviousInstance previousInstance(List<Snapshot> history) {
		RestoredHistory restoredHistory = this.restored;
		if (restoredHistory == null) {
			return null;
		}
		PreviousInstance previous = PreviousInstance.of(history, restoredHistory.cleanStops(), this.jvmStartMillis);
		this.previous = previous;
		return previous;
	}

	private volatile @Nullable PreviousInstance previous;

	/**
	 * The previous instance as of the last report section.
	 * @return it, {@code null} when there was none or no section was computed yet
	 */
	public @Nullable PreviousInstance lastPreviousInstance() {
		return this.previous;
	}

	@Override
	public List<ReportSection> sections(List<Snapshot> engineHistory) {
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
		PreviousInstance previousInstance = previousInstance(engineHistory);
		if (previousInstance != null) {
			body.put("previousInstance", previousInstance.body());
			markdown.append("\n\n**Previous instance:** ").append(previousInstance.summary()).append('.');
		}
		SyncStats stats = syncStats();
		body.put("syncInterval", (stats.interval() != null) ? stats.interval().toString() : null);
		body.put("syncs", stats.syncs());
		body.put("maxSyncMillis", stats.maxSyncNanos() / 1e6);
		String reason = this.stopped;
		if (reason != null) {
			body.put("stopped", reason);
			markdown.append(" **").append(reason).append("**");
		}
		markdown.append('\n');
		return List.of(new ReportSection("history", Verdict.INSUFFICIENT_DATA, body, markdown.toString()));
	}

}
