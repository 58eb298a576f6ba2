package dev.memoryaudit.accuracy;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads and writes traces in the CSV format documented in {@code benchmarks/traces/README.md}: {@code #} header
 * comments carrying the ground truth as {@code key=value}, then a column header and one row per tick.
 */
public final class TraceCsv {

	static final String HEADER = "epoch_ms,uptime_ms,heap_used,heap_max,after_gc_floor,reclaimed_floor,"
			+ "reclaiming_collections,label,exact_live,exact_source";

	private TraceCsv() {
	}

	public static void write(Trace trace, Path file) throws IOException {
		try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
			write(trace, out);
		}
	}

	public static void write(Trace trace, Writer out) throws IOException {
		out.write("# name=" + trace.name() + "\n");
		out.write("# scenario=" + trace.scenario() + "\n");
		out.write("# regime=" + trace.regime() + "\n");
		out.write("# leak=" + (trace.leak() ? "yes" : "no") + "\n");
		out.write("# leak_start_tick=" + trace.leakStartTick() + "\n");
		out.write(String.format(Locale.ROOT, "# leak_rate_pct_of_max_per_hour=%.4f%n", trace.leakRatePerHour() * 100));
		out.write(HEADER + "\n");
		for (TraceRow row : trace.rows()) {
			out.write(row.epochMillis() + "," + row.uptimeMillis() + "," + row.heapUsed() + "," + row.heapMax() + ","
					+ orEmpty(row.afterGcFloor()) + "," + orEmpty(row.reclaimedFloor()) + ","
					+ row.reclaimingCollections() + "," + row.label() + "," + orEmpty(row.exactLive()) + ","
					+ ((row.exactSource() != null) ? row.exactSource() : "") + "\n");
		}
	}

	public static Trace read(Path file) throws IOException {
		Map<String, String> meta = new HashMap<>();
		List<TraceRow> rows = new ArrayList<>();
		for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
			String trimmed = line.strip();
			if (trimmed.isEmpty()) {
				continue;
			}
			if (trimmed.startsWith("#")) {
				int eq = trimmed.indexOf('=');
				if (eq > 0) {
					meta.put(trimmed.substring(1, eq).strip(), trimmed.substring(eq + 1).strip());
				}
				continue;
			}
			if (trimmed.startsWith("epoch_ms")) {
				continue;
			}
			String[] f = trimmed.split(",", -1);
			if (f.length < 7) {
				throw new IOException(file + ": expected at least 7 columns in '" + line + "'");
			}
			rows.add(new TraceRow(Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2]),
					Long.parseLong(f[3]), nullable(f[4]), nullable(f[5]), Integer.parseInt(f[6]),
					(f.length > 7) ? f[7] : "", (f.length > 8) ? nullable(f[8]) : null,
					(f.length > 9 && !f[9].isBlank()) ? f[9].strip() : null));
		}
		String fileName = file.getFileName().toString().replaceFirst("\\.csv$", "");
		boolean leak = "yes".equalsIgnoreCase(meta.getOrDefault("leak", "no"));
		return new Trace(meta.getOrDefault("name", fileName), meta.getOrDefault("scenario", "recorded"),
				meta.getOrDefault("regime", "unknown"), leak, Integer.parseInt(meta.getOrDefault("leak_start_tick", "-1")),
				Double.parseDouble(meta.getOrDefault("leak_rate_pct_of_max_per_hour", "0")) / 100, rows);
	}

	private static String orEmpty(Long value) {
		return (value != null) ? value.toString() : "";
	}

	private static Long nullable(String field) {
		return field.isBlank() ? null : Long.parseLong(field.strip());
	}

}
