package dev.memoryaudit.heapdump;

import dev.memoryaudit.engine.PauseCause;
import dev.memoryaudit.engine.PauseSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import dev.memoryaudit.snapshot.SeriesContributor;
import dev.memoryaudit.trend.ReportSection;
import dev.memoryaudit.trend.ReportSectionContributor;
import dev.memoryaudit.trend.Verdict;
import org.jspecify.annotations.Nullable;

/**
 * Writes a live heap dump when the live set reaches a fraction of the heap maximum or grows by an amount within a
 * window, checked on every snapshot tick (as a {@link SeriesContributor}); names the dumps taken and refused, and why,
 * in the {@code memorytrend} report (as a {@link ReportSectionContributor}).
 * <p>
 * Dumps go to a private directory (created {@code rwx------}; each dump is made {@code rw-------} right after
 * {@code dumpHeap} creates it, while the directory's mode already keeps others out). Between two dumps at least the
 * minimum interval passes; a dump is refused when usable disk space is below heap used times the free-space factor;
 * when the count or total bytes exceed their maximum, the oldest dumps this class created are deleted first. The
 * names it created are tracked in memory and in a manifest file in the directory, so a restart keeps deleting only its
 * own dumps; files it did not create are never deleted.
 */
public final class SpikeHeapDumper implements PauseSource, SeriesContributor, ReportSectionContributor {

	/**
	 * Name of the manifest of the dumps this class created.
	 */
	public static final String MANIFEST = "memory-audit-heapdumps.manifest";

	private static final Pattern OWN_NAME = Pattern.compile("memory-audit-\\d{8}T\\d{6}Z-\\d+\\.hprof");

	private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
		.withZone(ZoneOffset.UTC);

	private static final Set<PosixFilePermission> DIRECTORY_MODE = PosixFilePermissions.fromString("rwx------");

	private static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");

	private static final int EVENTS_KEPT = 32;

	private final HeapDumpSettings settings;

	private final HeapDumper dumper;

	private final java.util.List<java.util.function.LongConsumer> pauseListeners =
			new java.util.concurrent.CopyOnWriteArrayList<>();

	private final DiskSpace diskSpace;

	private final Supplier<@Nullable Long> liveSet;

	private final Supplier<long[]> heapUsedAndMax;

	private final Clock clock;

	private final Object lock = new Object();

	private final List<String> ownFiles = new ArrayList<>();

	private final Deque<long[]> window = new ArrayDeque<>();

	private final Deque<HeapDumpEvent> events = new ArrayDeque<>();

	private final AtomicLong written = new AtomicLong();

	private final AtomicLong sequence = new AtomicLong();

	private @Nullable Instant lastDump;

	private @Nullable String unavailable;

	/**
	 * Creates a dumper and prepares its directory.
	 * @param settings the settings
	 * @param dumper writes the dump
	 * @param diskSpace reads usable disk space
	 * @param liveSet the current live-set estimate, {@code null} when unknown
	 * @param heapUsedAndMax heap used and max in bytes (max {@code -1} when undefined)
	 * @param clock the wall clock
	 */
	public SpikeHeapDumper(HeapDumpSettings settings, HeapDumper dumper, DiskSpace diskSpace,
			Supplier<@Nullable Long> liveSet, Supplier<long[]> heapUsedAndMax, Clock clock) {
		this.settings = settings;
		this.dumper = dumper;
		this.diskSpace = diskSpace;
		this.liveSet = liveSet;
		this.heapUsedAndMax = heapUsedAndMax;
		this.clock = clock;
		try {
			prepareDirectory(settings.directory());
			loadManifest();
		}
		catch (IOException | RuntimeException ex) {
			this.unavailable = "heap dumps unavailable: directory " + settings.directory() + " could not be prepared ("
					+ ex + ")";
		}
	}

	private static void prepareDirectory(Path directory) throws IOException {
		boolean posix = Files.getFileAttributeView(directory.getParent() != null ? directory.getParent() : directory,
				PosixFileAttributeView.class) != null;
		if (!Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
			if (posix) {
				Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(DIRECTORY_MODE));
			}
			else {
				Files.createDirectories(directory);
			}
		}
		if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
			throw new IOException(directory + " is not a directory");
		}
		if (posix) {
			// createDirectories applies the umask; an existing directory may be wider: make it private
			Files.setPosixFilePermissions(directory, DIRECTORY_MODE);
		}
	}

	private void loadManifest() throws IOException {
		Path manifest = this.settings.directory().resolve(MANIFEST);
		if (!Files.isRegularFile(manifest, LinkOption.NOFOLLOW_LINKS)) {
			return;
		}
		for (String line : Files.readAllLines(manifest, StandardCharsets.UTF_8)) {
			String name = line.trim();
			if (OWN_NAME.matcher(name).matches() && Files.isRegularFile(this.settings.directory().resolve(name),
					LinkOption.NOFOLLOW_LINKS) && !this.ownFiles.contains(name)) {
				this.ownFiles.add(name);
			}
		}
	}

	/**
	 * Checks the triggers with the current figures; called on every snapshot tick.
	 * @return the dump count so far, as series {@code heapdump.count}
	 */
	@Override
	public Map<String, Long> sample() {
		long[] heap = this.heapUsedAndMax.get();
		check(this.liveSet.get(), heap[0], heap[1]);
		return Map.of("heapdump.count", this.written.get());
	}

	/**
	 * Checks the triggers and dumps when one fires and the guards allow it.
	 * @param liveBytes the live-set estimate, {@code null} when unknown (no check)
	 * @param heapUsed heap used now, for the free-disk check
	 * @param heapMax heap maximum, {@code -1} when undefined
	 * @return what happened, {@code null} when no trigger fired
	 */
	public @Nullable HeapDumpEvent check(@Nullable Long liveBytes, long heapUsed, long heapMax) {
		synchronized (this.lock) {
			if (liveBytes == null || this.unavailable != null) {
				return null;
			}
			Instant now = this.clock.instant();
			String trigger = trigger(liveBytes, heapMax, now);
			if (trigger == null) {
				return null;
			}
			if (this.lastDump != null
					&& Duration.between(this.lastDump, now).compareTo(this.settings.minInterval()) < 0) {
				return null;
			}
			HeapDumpEvent event = dump(trigger, heapUsed, now);
			this.events.addLast(event);
			while (this.events.size() > EVENTS_KEPT) {
				this.events.removeFirst();
			}
			return event;
		}
	}

	private @Nullable String trigger(long liveBytes, long heapMax, Instant now) {
		long nowMillis = now.toEpochMilli();
		this.window.addLast(new long[] { nowMillis, liveBytes });
		long windowMillis = this.settings.growthWindow().toMillis();
		while (!this.window.isEmpty() && this.window.peekFirst()[0] < nowMillis - windowMillis) {
			this.window.removeFirst();
		}
		double fraction = this.settings.liveFraction();
		if (fraction > 0 && heapMax > 0 && liveBytes >= fraction * heapMax) {
			return String.format("live set %,d bytes is %.0f%% of the heap maximum %,d (threshold %.0f%%)", liveBytes,
					100.0 * liveBytes / heapMax, heapMax, 100 * fraction);
		}
		long growth = this.settings.growthBytes();
		if (growth > 0) {
			long min = this.window.stream().mapToLong((p) -> p[1]).min().orElse(liveBytes);
			if (liveBytes - min >= growth) {
				return String.format("live set grew %,d bytes within %s (threshold %,d)", liveBytes - min,
						this.settings.growthWindow(), growth);
			}
		}
		return null;
	}

	private HeapDumpEvent dump(String trigger, long heapUsed, Instant now) {
		Path directory = this.settings.directory();
		long needed = (long) Math.ceil(heapUsed * this.settings.freeSpaceFactor());
		try {
			long usable = this.diskSpace.usableBytes(directory);
			if (usable < needed) {
				this.lastDump = now;
				return new HeapDumpEvent(now, trigger, null, 0, String.format(
						"refused: usable disk space %,d bytes is below heap used %,d x %.1f = %,d bytes", usable,
						heapUsed, this.settings.freeSpaceFactor(), needed));
			}
		}
		catch (IOException | RuntimeException ex) {
			this.lastDump = now;
			return new HeapDumpEvent(now, trigger, null, 0, "refused: free disk space unknown (" + ex + ")");
		}
		makeRoomFor(1);
		String name = "memory-audit-" + STAMP.format(now) + "-" + this.sequence.incrementAndGet() + ".hprof";
		Path file = directory.resolve(name);
		this.lastDump = now;
		try {
			long start = System.nanoTime();
			this.dumper.dump(file, true);
			long millis = (System.nanoTime() - start) / 1_000_000;
			for (java.util.function.LongConsumer listener : this.pauseListeners) {
				listener.accept(millis);
			}
			restrict(file);
		}
		catch (IOException | RuntimeException ex) {
			deleteQuietly(file);
			return new HeapDumpEvent(now, trigger, null, 0, "failed: " + ex);
		}
		this.ownFiles.add(name);
		this.written.incrementAndGet();
		long bytes = size(file);
		enforceTotalBytes();
		writeManifest();
		return new HeapDumpEvent(now, trigger, name, bytes,
				this.ownFiles.contains(name) ? "written" : "written, then deleted: larger than max-total-bytes");
	}

	private static void restrict(Path file) throws IOException {
		if (Files.getFileAttributeView(file, PosixFileAttributeView.class) != null) {
			Files.setPosixFilePermissions(file, FILE_MODE);
		}
	}

	private void makeRoomFor(int newFiles) {
		while (!this.ownFiles.isEmpty() && this.ownFiles.size() + newFiles > this.settings.maxCount()) {
			deleteQuietly(this.settings.directory().resolve(this.ownFiles.remove(0)));
		}
	}

	private void enforceTotalBytes() {
		long total = this.ownFiles.stream().mapToLong((n) -> size(this.settings.directory().resolve(n))).sum();
		while (!this.ownFiles.isEmpty() && total > this.settings.maxTotalBytes()) {
			Path oldest = this.settings.directory().resolve(this.ownFiles.remove(0));
			total -= size(oldest);
			deleteQuietly(oldest);
		}
	}

	private void writeManifest() {
		Path directory = this.settings.directory();
		Path manifest = directory.resolve(MANIFEST);
		Path temp = directory.resolve(MANIFEST + ".tmp");
		try {
			Files.deleteIfExists(temp);
			Files.createFile(temp);
			restrict(temp);
			Files.write(temp, String.join("\n", this.ownFiles).concat("\n").getBytes(StandardCharsets.UTF_8));
			try {
				Files.move(temp, manifest, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			}
			catch (AtomicMoveNotSupportedException ex) {
				Files.move(temp, manifest, StandardCopyOption.REPLACE_EXISTING);
			}
		}
		catch (FileAlreadyExistsException ex) {
			// another writer; the in-memory list stays authoritative
		}
		catch (IOException | RuntimeException ex) {
			deleteQuietly(temp);
		}
	}

	private static long size(Path file) {
		try {
			return Files.size(file);
		}
		catch (IOException ex) {
			return 0;
		}
	}

	private static void deleteQuietly(Path file) {
		try {
			Files.deleteIfExists(file);
		}
		catch (IOException ex) {
			// left behind; still ours in the manifest only if it was listed
		}
	}

	/**
	 * Registers a listener told how long each heap dump paused the JVM (the dump runs at a safepoint), in
	 * milliseconds, on the thread that wrote it.
	 * @param listener the listener
	 */
	@Override
	public void addPauseListener(java.util.function.LongConsumer listener) {
		this.pauseListeners.add(listener);
	}

	@Override
	public PauseCause pauseCause() {
		return PauseCause.HEAP_DUMP;
	}

	/**
	 * Dumps written so far by this instance.
	 * @return the count
	 */
	public long dumpCount() {
		return this.written.get();
	}

	/**
	 * The dumps this class created that are still kept, oldest first.
	 * @return file names in the directory
	 */
	public List<String> ownFiles() {
		synchronized (this.lock) {
			return List.copyOf(this.ownFiles);
		}
	}

	/**
	 * Recent dumps taken, refused or failed, oldest first.
	 * @return the events
	 */
	public List<HeapDumpEvent> events() {
		synchronized (this.lock) {
			return List.copyOf(this.events);
		}
	}

	public @Nullable String unavailableReason() {
		return this.unavailable;
	}

	@Override
	public List<ReportSection> sections() {
		List<HeapDumpEvent> recent = events();
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("directory", this.settings.directory().toString());
		body.put("dumpsWritten", dumpCount());
		body.put("kept", ownFiles());
		body.put("events", recent);
		if (this.unavailable != null) {
			body.put("unavailable", this.unavailable);
		}
		StringBuilder markdown = new StringBuilder("## Heap dumps\n\n");
		if (this.unavailable != null) {
			markdown.append(this.unavailable).append("\n\n");
		}
		if (recent.isEmpty()) {
			markdown.append("No heap dump triggered yet (directory ").append(this.settings.directory()).append(").\n");
		}
		for (HeapDumpEvent event : recent) {
			markdown.append("- ")
				.append(event.time())
				.append(": ")
				.append((event.file() != null) ? event.file() + " (" + event.bytes() + " bytes) " : "")
				.append(event.outcome())
				.append(" — ")
				.append(event.trigger())
				.append('\n');
		}
		return List.of(new ReportSection("heapdump", Verdict.INSUFFICIENT_DATA, body, markdown.toString()));
	}

}
