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
					"--from-id")
				.contains(args[i])) {
				options.put(args[i], args[i + 1]);
			}
			else {
				throw new IllegalArgumentException("unknown option " + args[i] + "; allowed: --url, --out, --regime, "
						+ "--ticks, --leak-start, --leak-pct, --tick-millis, --from-id, --comment");
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
		new SampleAppTraceMain(options.get("--url")).record(out, options.get("--regime"), ticks, leakStart, leakPct,
				tickMillis, fromId, comments);
	}

	private void record(Path out, String regime, int ticks, int leakStart, double leakPct, long tickMillis, long fromId,
			List<String> comments) throws IOException, InterruptedException {
		boolean leak = leakPct > 0;
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
			rows.add(new TraceRow(epoch, s.path("uptimeMillis").asLong() * compression, s.path("heap").path("used").asLong(),
					s.path("heap").path("max").asLong(), nullableLong(gc.path("afterGcFloor")),
					nullableLong(gc.path("reclaimedFloor")), gc.path("reclaimingCollections").asInt(),
					(leak && id - fromId >= leakStartTick) ? "leak" : "base"));
		}
		String name = out.getFileName().toString().replaceFirst("\\.csv$", "");
		Trace trace = new Trace(name, "sample-app", regime, leak, leakStartTick, leakPct / 100, rows);
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
		System.out.println("wrote " + out + " (" + rows.size() + " ticks, heap max " + heapMax + ", " + reclaimed
				+ " rows with a reclaimed floor, leak " + bytesPerSecond + " B/s)");
	}

	private long awaitSnapshots(long target) throws IOException, InterruptedException {
		while (true) {
			long id = lastId();
			if (id >= target) {
				return id;
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
