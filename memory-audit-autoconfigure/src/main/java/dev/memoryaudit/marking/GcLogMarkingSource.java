package dev.memoryaudit.marking;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.memoryaudit.io.PrivateDirectories;
import dev.memoryaudit.snapshot.LiveSetMeasurement;
import dev.memoryaudit.snapshot.LiveSetSource;
import org.jspecify.annotations.Nullable;

/**
 * Exact live-set measurements from the collector's own marking: turns on a unified-logging output of the marking
 * results at run time ({@code VM.log output=FILE what=...}), into a file in a private directory ({@code rwx------},
 * the file {@code rw-------}), bounded by the JVM's own rotation, and reads what was appended on every tick. On close
 * the output is turned off again and the files are deleted.
 * <p>
 * G1 prints per-region liveness after each remark ({@link G1LivenessParser}); ZGC prints the bytes marked live per
 * cycle ({@link ZgcLiveParser}); Shenandoah prints its garbage at final mark ({@link ShenandoahLiveParser}). Parallel
 * and Serial need no log: their full collections measure the live set (read from GC notifications). Where the log
 * cannot be turned on or is not understood, {@link #unavailableReason()} says why and nothing else changes.
 * <p>
 * When the JVM rotates the file (another file, told by its file key, or a shorter one), the rest of the rotated file
 * ({@code marking.log.0}) is read first; a gap (a file that could not be read to its end) resets the parser, so that
 * no measurement is made of a block read in part.
 */
public final class GcLogMarkingSource implements LiveSetSource, AutoCloseable {

	private static final System.Logger logger = System.getLogger(GcLogMarkingSource.class.getName());

	/** The JVM rotates the file at this size, keeping one older file. */
	static final String ROTATION = "filecount=1,filesize=4m";

	/** At most this much of the log is read per drain; the rest waits for the next. */
	static final int MAX_READ_BYTES = 8 * 1024 * 1024;

	/** Read failures in a row after which the source gives up. */
	static final int MAX_FAILURES = 5;

	/** Estimated cost of one liveness line written inside a G1 pause, microseconds. */
	static final double MICROS_PER_LINE_IN_PAUSE = 3.5;

	private static final Pattern DECORATIONS = Pattern.compile("^\\[(\\d+)ms\\]\\[([^\\]]*)\\]\\s?(.*)$");

	private final VmLog vmLog;

	private final @Nullable MarkingLogParser parser;

	private final String collector;

	private volatile @Nullable Path directory;

	private volatile @Nullable Path file;

	private volatile @Nullable String unavailable;

	private volatile long measurements;

	private volatile long linesInPauses;

	private @Nullable Object fileKey;

	private long offset;

	private int failures;

	private final StringBuilder partial = new StringBuilder();

	private GcLogMarkingSource(VmLog vmLog, @Nullable MarkingLogParser parser, String collector) {
		this.vmLog = vmLog;
		this.parser = parser;
		this.collector = collector;
	}

	/**
	 * Starts reading the marking log of this JVM's collector, in a new private directory under {@code parent}.
	 * @param parent where to create the private directory, {@code null} for {@code java.io.tmpdir}
	 * @return the source; when the log cannot be used, one that measures nothing and says why
	 */
	public static GcLogMarkingSource start(@Nullable Path parent) {
		return start(parent, new DiagnosticCommandVmLog(), collectorNames());
	}

	static GcLogMarkingSource start(@Nullable Path parent, VmLog vmLog, List<String> collectorNames) {
		String collector = collector(collectorNames);
		MarkingLogParser parser = switch (collector) {
			case "G1" -> new G1LivenessParser();
			case "ZGC" -> new ZgcLiveParser();
			case "Shenandoah" -> new ShenandoahLiveParser();
			default -> null;
		};
		GcLogMarkingSource source = new GcLogMarkingSource(vmLog, parser, collector);
		if (parser == null) {
			source.unavailable = "not needed on " + collector + ": " + switch (collector) {
				case "Parallel", "Serial" -> "its full collections measure the live set";
				default -> "no marking log is known for this collector";
			};
			return source;
		}
		source.open(parent, parser.selection());
		return source;
	}

	private void open(@Nullable Path parent, String selection) {
		Path dir = null;
		try {
			dir = PrivateDirectories.create(parent, "memory-audit-gclog-");
			Path log = dir.resolve("marking.log");
			String path = log.toAbsolutePath().toString();
			if (!path.matches("[A-Za-z0-9._/\\-]+")) {
				this.unavailable = "the log directory " + dir + " has characters VM.log cannot take (use letters, "
						+ "digits, '.', '_', '-' and '/' in memory.audit.marking.directory)";
				PrivateDirectories.deleteQuietly(dir);
				return;
			}
			String result = this.vmLog.run("output=" + path, "what=" + selection, "decorators=timemillis,tags",
					"output_options=" + ROTATION);
			if (!result.isEmpty()) {
				this.unavailable = "VM.log refused to log " + selection + ": " + firstLine(result);
				PrivateDirectories.deleteQuietly(dir);
				return;
			}
			this.directory = dir;
			this.file = log;
			PrivateDirectories.restrict(log);
		}
		catch (Exception | LinkageError ex) {
			this.unavailable = "cannot turn on the " + selection + " log at run time: " + ex;
			if (dir != null) {
				PrivateDirectories.deleteQuietly(dir);
			}
		}
	}

	private static String collector(List<String> names) {
		for (String name : names) {
			String lower = name.toLowerCase(Locale.ROOT);
			if (lower.startsWith("g1")) {
				return "G1";
			}
			if (lower.startsWith("zgc")) {
				return "ZGC";
			}
			if (lower.startsWith("shenandoah")) {
				return "Shenandoah";
			}
			if (lower.startsWith("ps ")) {
				return "Parallel";
			}
			if (lower.equals("copy") || lower.equals("marksweepcompact")) {
				return "Serial";
			}
		}
		return String.join("/", names);
	}

	private static List<String> collectorNames() {
		return ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName).toList();
	}

	/**
	 * The collector this source reads, e.g. {@code G1}.
	 * @return the collector
	 */
	public String collector() {
		return this.collector;
	}

	/**
	 * Whether this source reads a marking log.
	 * @return {@code true} while the log is on
	 */
	public boolean readsMarkingLog() {
		return this.file != null;
	}

	/**
	 * What writing the log cost inside the collector's pauses, estimated: {@value #MICROS_PER_LINE_IN_PAUSE} µs per
	 * line G1 writes at remark and cleanup (measured on 2 cores, JDK 17 and 25: 512 to 1,536 regions added 1.4–1.9 to
	 * 4.5–5.4 ms to each of the two pauses, {@code MarkingLogPauseMain}).
	 * @return estimated milliseconds since the start
	 */
	@Override
	public double estimatedPauseMillis() {
		return this.linesInPauses * MICROS_PER_LINE_IN_PAUSE / 1000.0;
	}

	/**
	 * Measurements read so far.
	 * @return the count
	 */
	public long measurements() {
		return this.measurements;
	}

	@Override
	public synchronized List<LiveSetMeasurement> drainMeasurements() {
		Path log = this.file;
		MarkingLogParser parser = this.parser;
		if (log == null || parser == null) {
			return List.of();
		}
		List<LiveSetMeasurement> found = new ArrayList<>();
		try {
			BasicFileAttributes attributes = Files.readAttributes(log, BasicFileAttributes.class);
			Object key = attributes.fileKey();
			boolean rotated = (this.fileKey != null && key != null && !key.equals(this.fileKey))
					|| attributes.size() < this.offset;
			if (rotated) {
				// what the JVM wrote to the old file after the last read is in marking.log.0 now
				readRotatedRest(log.resolveSibling(log.getFileName() + ".0"), parser, found);
				this.offset = 0;
				PrivateDirectories.restrict(log);
			}
			this.fileKey = key;
			this.offset = read(log, this.offset, parser, found);
			this.failures = 0;
		}
		catch (NoSuchFileException ex) {
			// between the JVM's rename and its new file: read on the next tick
		}
		catch (IOException ex) {
			if (++this.failures >= MAX_FAILURES) {
				this.unavailable = "cannot read " + log + " (" + MAX_FAILURES + " times in a row): " + ex.getMessage();
				closeOutput();
			}
		}
		this.measurements += found.size();
		this.linesInPauses = parser.linesInPauses();
		return found;
	}

	private void readRotatedRest(Path rotated, MarkingLogParser parser, List<LiveSetMeasurement> found) {
		try {
			BasicFileAttributes attributes = Files.readAttributes(rotated, BasicFileAttributes.class);
			if (this.fileKey != null && this.fileKey.equals(attributes.fileKey())
					&& attributes.size() >= this.offset) {
				read(rotated, this.offset, parser, found);
				if (this.partial.length() > 0) {
					// the old file ended within a line: what follows in the new file belongs to no line we know
					gap(parser);
				}
				return;
			}
		}
		catch (IOException ex) {
			// rotated away again, or never there: a gap
		}
		gap(parser);
	}

	private void gap(MarkingLogParser parser) {
		this.partial.setLength(0);
		parser.reset();
	}

	/**
	 * Reads the file from the offset to its current end (at most {@link #MAX_READ_BYTES}) through one channel and
	 * feeds its complete lines to the parser.
	 * @return the offset after what was read
	 */
	private long read(Path log, long from, MarkingLogParser parser, List<LiveSetMeasurement> found)
			throws IOException {
		try (FileChannel channel = FileChannel.open(log, StandardOpenOption.READ)) {
			long size = channel.size();
			if (size <= from) {
				return from;
			}
			int length = (int) Math.min(MAX_READ_BYTES, size - from);
			ByteBuffer buffer = ByteBuffer.allocate(length);
			long position = from;
			while (buffer.hasRemaining()) {
				int n = channel.read(buffer, position);
				if (n < 0) {
					break;
				}
				position += n;
			}
			this.partial.append(new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8));
			feedLines(parser, found);
			return position;
		}
	}

	private void feedLines(MarkingLogParser parser, List<LiveSetMeasurement> found) {
		int start = 0;
		int newline;
		try {
			while ((newline = this.partial.indexOf("\n", start)) >= 0) {
				String line = this.partial.substring(start, newline);
				start = newline + 1;
				try {
					LiveSetMeasurement measurement = parse(parser, line);
					if (measurement != null) {
						found.add(measurement);
					}
				}
				catch (RuntimeException ex) {
					// a line we cannot read: no measurement from the block it belongs to
					parser.reset();
				}
			}
		}
		finally {
			this.partial.delete(0, start);
			if (this.partial.length() > 64 * 1024) {
				gap(parser);
			}
		}
	}

	/**
	 * Reads whole log lines (with the {@code timemillis,tags} decorations) through a parser.
	 * @param parser the parser
	 * @param lines the lines
	 * @return the measurements they give, in order
	 */
	static List<LiveSetMeasurement> parseAll(MarkingLogParser parser, List<String> lines) {
		List<LiveSetMeasurement> found = new ArrayList<>();
		for (String line : lines) {
			LiveSetMeasurement measurement = parse(parser, line);
			if (measurement != null) {
				found.add(measurement);
			}
		}
		return found;
	}

	private static @Nullable LiveSetMeasurement parse(MarkingLogParser parser, String line) {
		Matcher matcher = DECORATIONS.matcher(line);
		if (!matcher.matches()) {
			return null;
		}
		Instant time = Instant.ofEpochMilli(Long.parseLong(matcher.group(1)));
		return parser.accept(time, matcher.group(2).trim(), matcher.group(3));
	}

	@Override
	public String description() {
		return (this.parser != null) ? this.collector + " marking, from the " + this.parser.selection()
				+ " log turned on at run time" : this.collector + " (no marking log needed)";
	}

	@Override
	public @Nullable String unavailableReason() {
		String reason = this.unavailable;
		if (reason != null) {
			return reason;
		}
		MarkingLogParser parser = this.parser;
		return (parser != null && this.measurements == 0) ? parser.formatProblem() : null;
	}

	/**
	 * The private directory the log is written to, while it is on.
	 * @return the directory, or {@code null}
	 */
	public @Nullable Path directory() {
		return this.directory;
	}

	@Override
	public synchronized void close() {
		closeOutput();
	}

	private void closeOutput() {
		Path log = this.file;
		if (log == null) {
			return;
		}
		this.file = null;
		try {
			String result = this.vmLog.run("output=" + log.toAbsolutePath(), "what=all=off");
			if (!result.isEmpty()) {
				logger.log(System.Logger.Level.WARNING, "Could not turn off the memory-audit marking log " + log
						+ ": " + firstLine(result) + "; turn it off with jcmd <pid> VM.log output=" + log
						+ " what=all=off");
			}
		}
		catch (Exception | LinkageError ex) {
			// the JVM may be shutting down; the files are removed below either way
		}
		Path dir = this.directory;
		this.directory = null;
		if (dir != null) {
			PrivateDirectories.deleteQuietly(dir);
		}
	}

	private static String firstLine(String text) {
		int newline = text.indexOf('\n');
		return (newline < 0) ? text : text.substring(0, newline);
	}

}
