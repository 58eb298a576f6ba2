package dev.memoryaudit.marking;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
 * and Serial need no log: their full collections measure the live set (read from GC notifications). Where the log cannot be turned
 * on or is not understood, {@link #unavailableReason()} says why and nothing else changes.
 */
public final class GcLogMarkingSource implements LiveSetSource, AutoCloseable {

	/** The JVM rotates the file at this size, keeping one older file. */
	static final String ROTATION = "filecount=1,filesize=4m";

	/** At most this much of the log is read per drain; the rest waits for the next. */
	static final int MAX_READ_BYTES = 8 * 1024 * 1024;

	private static final Pattern DECORATIONS = Pattern.compile("^\\[(\\d+)ms\\]\\[([^\\]]*)\\]\\s?(.*)$");

	private final VmLog vmLog;

	private final @Nullable MarkingLogParser parser;

	private final String collector;

	private @Nullable Path directory;

	private @Nullable Path file;

	private @Nullable String unavailable;

	private long offset;

	private final StringBuilder partial = new StringBuilder();

	private long measurements;

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
		try {
			Path base = (parent != null) ? parent : Path.of(System.getProperty("java.io.tmpdir"));
			Files.createDirectories(base);
			Path dir = Files.createTempDirectory(base, "memory-audit-gclog-",
					PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
			Path log = dir.resolve("marking.log");
			String path = log.toAbsolutePath().toString();
			if (!path.matches("[A-Za-z0-9._/\\-]+")) {
				deleteQuietly(dir);
				this.unavailable = "the log directory " + dir + " has characters VM.log cannot take (use letters, "
						+ "digits, '.', '_', '-' and '/' in memory.audit.marking.directory)";
				return;
			}
			String result = this.vmLog.run("output=" + path, "what=" + selection, "decorators=timemillis,tags",
					"output_options=" + ROTATION);
			if (!result.isEmpty()) {
				deleteQuietly(dir);
				this.unavailable = "VM.log refused to log " + selection + ": " + firstLine(result);
				return;
			}
			this.directory = dir;
			this.file = log;
			restrict(log);
		}
		catch (Exception | LinkageError ex) {
			this.unavailable = "cannot turn on the " + selection + " log at run time: " + ex;
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
	 * Whether this source reads a marking log (then cycle ends from GC notifications are not needed).
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
	public synchronized double estimatedPauseMillis() {
		MarkingLogParser parser = this.parser;
		return (parser != null) ? parser.linesInPauses() * MICROS_PER_LINE_IN_PAUSE / 1000.0 : 0;
	}

	/** Estimated cost of one liveness line written inside a G1 pause, microseconds. */
	static final double MICROS_PER_LINE_IN_PAUSE = 3.5;

	/**
	 * Measurements read so far.
	 * @return the count
	 */
	public synchronized long measurements() {
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
			if (!Files.exists(log)) {
				return found;
			}
			long size = Files.size(log);
			if (size < this.offset) {
				// the JVM rotated the file: what remained unread of the old one is lost, start over
				this.offset = 0;
				this.partial.setLength(0);
				restrict(log);
			}
			if (size == this.offset) {
				return found;
			}
			int length = (int) Math.min(MAX_READ_BYTES, size - this.offset);
			byte[] bytes = new byte[length];
			try (RandomAccessFile in = new RandomAccessFile(log.toFile(), "r")) {
				in.seek(this.offset);
				in.readFully(bytes);
			}
			this.offset += length;
			this.partial.append(new String(bytes, StandardCharsets.UTF_8));
			int start = 0;
			int newline;
			while ((newline = this.partial.indexOf("\n", start)) >= 0) {
				LiveSetMeasurement measurement = parse(parser, this.partial.substring(start, newline));
				if (measurement != null) {
					found.add(measurement);
				}
				start = newline + 1;
			}
			this.partial.delete(0, start);
			if (this.partial.length() > 64 * 1024) {
				this.partial.setLength(0);
			}
		}
		catch (IOException ex) {
			this.unavailable = "cannot read " + log + ": " + ex.getMessage();
			closeOutput();
		}
		this.measurements += found.size();
		return found;
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
	public synchronized @Nullable String unavailableReason() {
		if (this.unavailable != null) {
			return this.unavailable;
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
			this.vmLog.run("output=" + log.toAbsolutePath(), "what=all=off");
		}
		catch (Exception | LinkageError ex) {
			// the JVM may be shutting down; the files are removed below either way
		}
		Path dir = this.directory;
		this.directory = null;
		if (dir != null) {
			deleteQuietly(dir);
		}
	}

	private static void restrict(Path log) {
		try {
			Files.setPosixFilePermissions(log, PosixFilePermissions.fromString("rw-------"));
		}
		catch (IOException | UnsupportedOperationException ex) {
			// the directory is private either way
		}
	}

	private static void deleteQuietly(Path dir) {
		try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
			for (Path file : files) {
				Files.deleteIfExists(file);
			}
		}
		catch (IOException ex) {
			// best effort
		}
		try {
			Files.deleteIfExists(dir);
		}
		catch (IOException ex) {
			// best effort
		}
	}

	private static String firstLine(String text) {
		int newline = text.indexOf('\n');
		return (newline < 0) ? text : text.substring(0, newline);
	}

}
