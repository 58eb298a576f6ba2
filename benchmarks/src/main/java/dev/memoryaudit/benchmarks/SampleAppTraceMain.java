package dev.memoryaudit.benchmarks;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.memoryaudit.accuracy.Trace;
import dev.memoryaudit.accuracy.TraceCsv;
import dev.memoryaudit.accuracy.TraceRow;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records a trace from a running sample app over HTTP: waits for its snapshots (taken every {@code --tick-millis}),
 * starts the sample's leak with {@code POST /leak/start} once {@code --leak-start} snapshots exist, and when
 * {@code --ticks} snapshots exist reads each one from {@code GET /actuator/memorysnapshots/{id}} and writes them as a
 * trace CSV with the ground truth. Time is compressed as in {@link RecordMain}: a tick is written as one minute, so
 * the leak rate ({@code --leak-pct}, % of heap max per 60 ticks) is per compressed hour and is turned into
 * {@code bytesPerSecond = pct / 100 × heapMax / (60 × tickMillis / 1000)}.
 * <p>
 * Usage: {@code SampleAppTraceMain --url http://127.0.0.1:PORT --out FILE.csv --regime REGIME [--ticks 240]
 * [--leak-start 60] [--leak-pct 0] [--tick-millis 2000] [--from-id 1] [--comment TEXT]...}; each {@code --comment}
 * becomes a {@code #} line at the top of the file. Used by {@code benchmarks/record-sample-app.sh}; with
 * {@code --leak-pct 0} it only reads, so it can record any app running the starter ({@code --from-id} picks the first
 * snapshot when the earliest ones have left the history).
 * <p>
 * With {@code --verdicts FILE.tsv} it also polls {@code GET /actuator/memorytrend} (every 250 ms) and keeps, for every
 * snapshot, the app's own last report after it (verdict, confirmed, the live-set series and the confirmations taken),
 * writes them as one tab-separated row per tick, and prints a {@code summary} line: the first tick at which the app
 * reports LEAK_SUSPECTED with confirmed=true, its delay after the leak start, and the confirmations' number and pauses.
 * Used by {@code CONFIRM=1 benchmarks/record-sample-app.sh}.
 */
public final class SampleAppTraceMain {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String url;

	private SampleAppTraceMain(String url) {
		this.url = url.replaceFirst("/+$", "");
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> options = new LinkedHashMap<>();
		List<String> comments = new ArrayList<>();
		for (int i = 0; i + 1 < args.length; i += 2) {
			if (args[i].equals("--comment")) {
				comments.add(args[i + 1]);
			}
			else if (List.of("--url", "--out", "--regime", "--ticks", "--leak-start", "--leak-pct", "--tick-millis",
					"--from-id", "--verdicts", "--scenario")
				.contains(args[i])) {
				options.put(args[i], args[i + 1]);
			}
			else {
				throw new IllegalArgumentException("unknown option " + args[i] + "; allowed: --url, --out, --regime, "
						+ "--ticks, --leak-start, --leak-pct, --tick-millis, --from-id, --verdicts, --scenario, --comment");
			}
		}
		if (!options.containsKey("--url") || !options.containsKey("--out") || !options.containsKey("--regime")) {
			throw new IllegalArgumentException("--url, --out and --regime are required");
		}
		Path out = Path.of(options.get("--out"));
		int ticks = Integer.parseInt(options.getOrDefault("--ticks", "240"));
		int leakStart = Integer.parseInt(options.getOrDefault("--leak-start", "60"));
		double leakPct = Double.parseDouble(options.getOrDefault("--leak-pct", "0"));
		long tickMillis = Long.parseLong(options.getOrDefault("--tick-millis", "2000"));
		long fromId = Long.parseLong(options.getOrDefault("--from-id", "1"));
		Path verdicts = options.containsKey("--verdicts") ? Path.of(options.get("--verdicts")) : null;
		new SampleAppTraceMain(options.get("--url")).record(out, verdicts, options.get("--regime"),
				options.getOrDefault("--scenario", "sample-app"), ticks, leakStart, leakPct, tickMillis, fromId,
				comments);
	}

	private void record(Path out, @Nullable Path verdicts, String regime, String scenario, int ticks, int leakStart,
			double leakPct, long tickMillis, long fromId, List<String> comments) throws IOException, InterruptedException {
		boolean leak = leakPct > 0;
		VerdictPoller poller = (verdicts != null) ? new VerdictPoller(fromId) : null;
		if (poller != null) {
			poller.start();
		}
		awaitSnapshots(fromId);
		long heapMax = get("/actuator/memorysnapshots/" + fromId).path("snapshot").path("heap").path("max").asLong();
		int leakStartTick = -1;
		long bytesPerSecond = 0;
		if (leak) {
			bytesPerSecond = Math.round(leakPct / 100 * heapMax / (60 * tickMillis / 1000.0));
			long before = awaitSnapshots(fromId - 1 + leakStart);
			post("/leak/start?bytesPerSecond=" + bytesPerSecond);
			long after = lastId();
			// The first row taken after the leak started; if a snapshot slipped in during the POST it may hold part
			// of a tick's leak, so the later index is used.
			leakStartTick = (int) (after - fromId + 1);
			System.out.println("leak started at " + bytesPerSecond + " B/s between snapshots " + before + " and "
					+ (after + 1));
		}
		awaitSnapshots(fromId - 1 + ticks);
		if (poller != null) {
			// the report of the last tick is final once the next snapshot's report is out (a confirmation re-analyses)
			poller.awaitReportBeyond(fromId - 1 + ticks, Duration.ofMillis(3 * tickMillis + 30_000));
			poller.interrupt();
			poller.join();
		}
		long retained = leak ? get("/leak").path("retainedBytes").asLong() : 0;
		long compression = 60_000 / tickMillis;
		List<TraceRow> rows = new ArrayList<>(ticks);
		Instant first = null;
		for (long id = fromId; id < fromId + ticks; id++) {
			JsonNode s = get("/actuator/memorysnapshots/" + id).path("snapshot");
			if (s.path("id").asLong() != id) {
				throw new IOException("snapshot " + id + " is no longer in the app's history; raise "
						+ "memory.audit.snapshot.history-size");
			}
			Instant time = Instant.parse(s.path("time").asString());
			first = (first != null) ? first : time;
			JsonNode gc = s.path("gc");
			long epoch = first.toEpochMilli() + (time.toEpochMilli() - first.toEpochMilli()) * compression;
			JsonNode measurements = gc.path("measurements");
			JsonNode exact = (measurements.isArray() && measurements.size() > 0)
					? measurements.get(measurements.size() - 1) : null;
			rows.add(new TraceRow(epoch, s.path("uptimeMillis").asLong() * compression, s.path("heap").path("used").asLong(),
					s.path("heap").path("max").asLong(), nullableLong(gc.path("afterGcFloor")),
					nullableLong(gc.path("reclaimedFloor")), gc.path("reclaimingCollections").asInt(),
					(leak && id - fromId >= leakStartTick) ? "leak" : "base",
					(exact != null) ? exact.path("bytes").asLong() : null,
					(exact != null) ? exact.path("source").asString() : null));
		}
		if (poller != null) {
			rows = poller.withConfirmations(rows, fromId);
		}
		String name = out.getFileName().toString().replaceFirst("\\.csv$", "");
		Trace trace = new Trace(name, scenario, regime, leak, leakStartTick, leakPct / 100, rows);
		StringWriter text = new StringWriter();
		for (String comment : comments) {
			text.write("# " + comment.replace('\n', ' ') + "\n");
		}
		if (leak) {
			text.write(String.format(Locale.ROOT,
					"# leak_bytes_per_second=%d (nominal; LeakyOrder.ESTIMATED_BYTES each)%n", bytesPerSecond));
			text.write("# leak_retained_estimated_bytes_at_end=" + retained + "\n");
		}
		TraceCsv.write(trace, text);
		Files.createDirectories(out.toAbsolutePath().getParent());
		Files.writeString(out, text.toString(), StandardCharsets.UTF_8);
		long reclaimed = rows.stream().filter((r) -> r.reclaimedFloor() != null).count();
		long exactRows = rows.stream().filter((r) -> r.exactLive() != null).count();
		if (poller != null && verdicts != null) {
			poller.write(verdicts, comments, ticks, leak ? leakStartTick : -1, tickMillis);
		}
		System.out.println("wrote " + out + " (" + rows.size() + " ticks, heap max " + heapMax + ", " + reclaimed
				+ " rows with a reclaimed floor, " + exactRows + " with an exact measurement, leak " + bytesPerSecond
				+ " B/s)");
	}

	/** One tick's report as the app itself gave it. */
	private record VerdictRow(long snapshot, String verdict, boolean confirmed, String liveSetVerdict,
			boolean liveSetConfirmed, int reclaimingCollections, int confirmationsInReport, String growthSeries,
			String liveSetReason) {
	}

	/** A confirmation as listed in {@code liveSet.confirmations}, with the first snapshot whose report listed it. */
	private record ConfirmationRow(String time, long pauseMillis, long liveBytes, long firstSeenSnapshot) {
	}

	/**
	 * Polls {@code /actuator/memorytrend} and keeps the last report seen for each snapshot count.
	 */
	private final class VerdictPoller extends Thread {

		private final long fromId;

		private final Map<Long, VerdictRow> rows = new java.util.concurrent.ConcurrentSkipListMap<>();

		private final Map<String, ConfirmationRow> confirmations = new java.util.concurrent.ConcurrentSkipListMap<>();

		private volatile long newest;

		private volatile int failures;

		VerdictPoller(long fromId) {
			super("verdict-poller");
			setDaemon(true);
			this.fromId = fromId;
		}

		@Override
		public void run() {
			while (!isInterrupted()) {
				try {
					poll();
					Thread.sleep(250);
				}
				catch (InterruptedException ex) {
					return;
				}
				catch (IOException | RuntimeException ex) {
					this.failures++;
				}
			}
		}

		private void poll() throws IOException, InterruptedException {
			JsonNode report = get("/actuator/memorytrend");
			long snapshot = report.path("snapshots").asLong();
			if (snapshot <= 0) {
				return;
			}
			JsonNode liveSet = report.path("liveSet");
			String liveSetVerdict = "";
			List<String> suspected = new ArrayList<>();
			for (JsonNode series : report.path("series")) {
				String name = series.path("series").asString();
				String verdict = series.path("verdict").asString();
				if (name.equals("live-set")) {
					liveSetVerdict = verdict;
				}
				if (verdict.equals("LEAK_SUSPECTED") || verdict.equals("GROWING")) {
					suspected.add(name + ":" + verdict);
				}
			}
			for (JsonNode section : report.path("sections")) {
				String verdict = section.path("verdict").asString();
				if (verdict.equals("LEAK_SUSPECTED") || verdict.equals("GROWING")) {
					suspected.add("section " + section.path("name").asString() + ":" + verdict);
				}
			}
			JsonNode listed = liveSet.path("confirmations");
			for (JsonNode c : listed) {
				this.confirmations.putIfAbsent(c.path("time").asString(), new ConfirmationRow(c.path("time").asString(),
						c.path("pauseMillis").asLong(), c.path("liveBytes").asLong(), snapshot));
			}
			this.rows.put(snapshot, new VerdictRow(snapshot, report.path("verdict").asString(),
					report.path("confirmed").asBoolean(), liveSetVerdict, liveSet.path("confirmed").asBoolean(),
					liveSet.path("reclaimingCollections").asInt(), listed.size(), String.join(",", suspected),
					liveSet.path("reason").asString().replaceAll("\\s+", " ")));
			this.newest = Math.max(this.newest, snapshot);
		}

		/**
		 * The rows with the live histograms the app took as confirmations: each is an exact point of its own
		 * ({@code live-histogram}), put on the row of the first report that listed it, or the next row when that one
		 * already holds the collector's own measurement.
		 */
		List<TraceRow> withConfirmations(List<TraceRow> rows, long fromId) {
			List<TraceRow> merged = new ArrayList<>(rows);
			for (ConfirmationRow confirmation : this.confirmations.values()) {
				if (confirmation.liveBytes() < 0) {
					continue;
				}
				int index = (int) (confirmation.firstSeenSnapshot() - fromId);
				for (int i = Math.max(0, index); i < Math.min(merged.size(), index + 2); i++) {
					TraceRow row = merged.get(i);
					if (row.exactLive() == null) {
						merged.set(i, new TraceRow(row.epochMillis(), row.uptimeMillis(), row.heapUsed(), row.heapMax(),
								row.afterGcFloor(), row.reclaimedFloor(), row.reclaimingCollections(), row.label(),
								confirmation.liveBytes(), dev.memoryaudit.snapshot.LiveSetMeasurement.LIVE_HISTOGRAM));
						break;
					}
				}
			}
			return merged;
		}

		void awaitReportBeyond(long snapshot, Duration timeout) throws InterruptedException {
			long deadline = System.nanoTime() + timeout.toNanos();
			while (this.newest <= snapshot && System.nanoTime() < deadline) {
				Thread.sleep(100);
			}
		}

		void write(Path file, List<String> comments, int ticks, int leakStartTick, long tickMillis) throws IOException {
			long last = this.fromId - 1 + ticks;
			Integer firstConfirmedLeak = null;
			Integer firstLiveSetLeak = null;
			Integer firstGrowth = null;
			StringBuilder body = new StringBuilder(
					"tick\tsnapshot\tverdict\tconfirmed\tlive_set_verdict\tlive_set_confirmed\treclaiming_collections"
							+ "\tconfirmations_in_report\tgrowth_series\tlive_set_reason\n");
			int missing = 0;
			int growingTicks = 0;
			int leakFlips = 0;
			Boolean previousLeak = null;
			for (long id = this.fromId; id <= last; id++) {
				VerdictRow row = this.rows.get(id);
				int tick = (int) (id - this.fromId);
				if (row != null) {
					boolean leakNow = row.verdict().equals("LEAK_SUSPECTED");
					growingTicks += row.verdict().equals("GROWING") ? 1 : 0;
					if (previousLeak != null && firstConfirmedLeak != null && leakNow != previousLeak) {
						leakFlips++;
					}
					previousLeak = leakNow;
				}
				if (row == null) {
					missing++;
					body.append(tick).append('\t').append(id).append("\t(no report seen)\n");
					continue;
				}
				if (firstConfirmedLeak == null && row.verdict().equals("LEAK_SUSPECTED") && row.confirmed()) {
					firstConfirmedLeak = tick;
				}
				if (firstLiveSetLeak == null && row.liveSetVerdict().equals("LEAK_SUSPECTED")) {
					firstLiveSetLeak = tick;
				}
				if (firstGrowth == null && (row.verdict().equals("GROWING") || row.verdict().equals("LEAK_SUSPECTED"))) {
					firstGrowth = tick;
				}
				body.append(String.join("\t", String.valueOf(tick), String.valueOf(id), row.verdict(),
						String.valueOf(row.confirmed()), row.liveSetVerdict(), String.valueOf(row.liveSetConfirmed()),
						String.valueOf(row.reclaimingCollections()), String.valueOf(row.confirmationsInReport()),
						row.growthSeries(), row.liveSetReason()))
					.append('\n');
			}
			List<ConfirmationRow> taken = this.confirmations.values()
				.stream()
				.filter((c) -> c.firstSeenSnapshot() <= last)
				.sorted(java.util.Comparator.comparingLong(ConfirmationRow::firstSeenSnapshot))
				.toList();
			long totalPause = taken.stream().mapToLong(ConfirmationRow::pauseMillis).sum();
			long maxPause = taken.stream().mapToLong(ConfirmationRow::pauseMillis).max().orElse(0);
			double hours = ticks / 60.0; // compressed: a tick is written as one minute
			long beforeLeak = (leakStartTick < 0) ? taken.size()
					: taken.stream().filter((c) -> c.firstSeenSnapshot() - this.fromId < leakStartTick).count();
			String verdictAtEnd = (this.rows.get(last) != null) ? this.rows.get(last).verdict() : "";
			String summary = String.format(Locale.ROOT,
					"first_confirmed_leak_tick=%s delay=%s false_positive=%s first_live_set_leak_tick=%s "
							+ "first_growth_tick=%s confirmations=%d before_leak_start=%d total_pause_ms=%d max_pause_ms=%d "
							+ "per_compressed_hour=%.2f pause_ms_per_compressed_hour=%.1f verdict_at_end=%s "
							+ "ticks_without_report=%d poll_failures=%d growing_ticks=%d leak_flips_after_first=%d",
					nullable(firstConfirmedLeak),
					(firstConfirmedLeak != null && leakStartTick >= 0) ? firstConfirmedLeak - leakStartTick : "-",
					firstConfirmedLeak != null && (leakStartTick < 0 || firstConfirmedLeak < leakStartTick),
					nullable(firstLiveSetLeak), nullable(firstGrowth), taken.size(), beforeLeak, totalPause, maxPause,
					taken.size() / hours, totalPause / hours, verdictAtEnd, missing, this.failures, growingTicks,
					leakFlips);
			StringBuilder text = new StringBuilder();
			for (String comment : comments) {
				text.append("# ").append(comment.replace('\n', ' ')).append('\n');
			}
			text.append("# leak_start_tick=").append(leakStartTick < 0 ? "-" : leakStartTick).append('\n');
			text.append("# summary ").append(summary).append('\n');
			for (ConfirmationRow c : taken) {
				text.append(String.format(Locale.ROOT, "# confirmation at tick %d (%s): pause %d ms, live %.1f MiB%n",
						c.firstSeenSnapshot() - this.fromId, c.time(), c.pauseMillis(), c.liveBytes() / 1048576.0));
			}
			text.append(body);
			Files.createDirectories(file.toAbsolutePath().getParent());
			Files.writeString(file, text.toString(), StandardCharsets.UTF_8);
			System.out.println("summary " + summary);
		}

		private static String nullable(@Nullable Integer value) {
			return (value != null) ? value.toString() : "-";
		}

	}

	private long awaitSnapshots(long target) throws IOException, InterruptedException {
		long last = -1;
		long since = System.nanoTime();
		while (true) {
			long id = lastId();
			if (id >= target) {
				return id;
			}
			if (id != last) {
				last = id;
				since = System.nanoTime();
			}
			else if (System.nanoTime() - since > Duration.ofMinutes(3).toNanos()) {
				throw new IOException("no new snapshot for 3 minutes (stuck at " + id + ", waiting for " + target
						+ "): the app's snapshot schedule stopped");
			}
			Thread.sleep(100);
		}
	}

	/** The id of the newest snapshot in the app's history, {@code 0} before the first. */
	private long lastId() throws IOException, InterruptedException {
		JsonNode snapshots = get("/actuator/memorysnapshots").path("snapshots");
		return snapshots.isEmpty() ? 0 : snapshots.get(snapshots.size() - 1).path("id").asLong();
	}

	private JsonNode get(String path) throws IOException, InterruptedException {
		return send(HttpRequest.newBuilder(URI.create(this.url + path)).GET());
	}

	private JsonNode post(String path) throws IOException, InterruptedException {
		return send(HttpRequest.newBuilder(URI.create(this.url + path)).POST(HttpRequest.BodyPublishers.noBody()));
	}

	private JsonNode send(HttpRequest.Builder request) throws IOException, InterruptedException {
		HttpResponse<String> response = this.client.send(request.timeout(Duration.ofSeconds(30)).build(),
				HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			throw new IOException(response.request().uri() + " answered " + response.statusCode() + ": "
					+ response.body());
		}
		return json.readTree(response.body());
	}

	private static Long nullableLong(JsonNode node) {
		return (node.isMissingNode() || node.isNull()) ? null : node.asLong();
	}

}
