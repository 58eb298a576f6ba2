package dev.memoryaudit.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import dev.memoryaudit.accuracy.AccuracyRunner;
import dev.memoryaudit.accuracy.ConfirmingDetector;
import dev.memoryaudit.accuracy.Detector;
import dev.memoryaudit.accuracy.OurDetector;
import dev.memoryaudit.accuracy.Trace;
import dev.memoryaudit.accuracy.TraceCsv;
import dev.memoryaudit.accuracy.TraceGenerator;
import dev.memoryaudit.engine.ConfirmationMode;
import dev.memoryaudit.snapshot.Snapshot;
import dev.memoryaudit.trend.TrendReport;

/**
 * Replays the synthetic corpus and every recorded trace under {@code benchmarks/traces/} through our detector and the
 * baselines, and prints the accuracy tables as markdown.
 * <p>
 * Options: {@code --traces DIR} (recorded traces, default {@code benchmarks/traces}), {@code --filter REGEX} (trace
 * names), {@code --no-synthetic}, {@code --no-recorded}, {@code --proposals} (add detectors proposed to the lead, not shipped),
 * {@code --write-traces DIR} (write the synthetic corpus as CSV and exit), {@code --seeds FIRST-LAST} (draw the synthetic
 * scenarios with other seeds than the committed corpus's 1-2: a check that the rules were not fitted to those),
 * {@code --explain TRACE TICK}.
 */
public final class AccuracyMain {

	private AccuracyMain() {
	}

	public static void main(String[] args) throws IOException {
		Path tracesDir = Path.of("benchmarks/traces");
		String filter = ".*";
		boolean synthetic = true;
		Path writeTo = null;
		boolean proposals = false;
		int[] seeds = null;
		boolean recorded = true;
		for (int i = 0; i < args.length; i++) {
			switch (args[i]) {
				case "--traces" -> tracesDir = Path.of(args[++i]);
				case "--filter" -> filter = args[++i];
				case "--no-synthetic" -> synthetic = false;
				case "--no-recorded" -> recorded = false;
				case "--proposals" -> proposals = true;
				case "--write-traces" -> writeTo = Path.of(args[++i]);
				case "--seeds" -> seeds = seeds(args[++i]);
				case "--explain" -> {
					explain(args[++i], Integer.parseInt(args[++i]), tracesDir, seeds);
					return;
				}
				default -> throw new IllegalArgumentException("unknown option " + args[i]
						+ "; allowed: --traces DIR, --filter REGEX, --no-synthetic, --no-recorded, --proposals, --write-traces DIR, --seeds FIRST-LAST, --explain TRACE TICK");
			}
		}
		List<Trace> corpus = synthetic(seeds);
		if (writeTo != null) {
			Files.createDirectories(writeTo);
			for (Trace trace : corpus) {
				TraceCsv.write(trace, writeTo.resolve(trace.name() + ".csv"));
			}
			System.out.println("wrote " + corpus.size() + " traces to " + writeTo);
			return;
		}
		List<Trace> traces = new ArrayList<>();
		if (synthetic) {
			traces.addAll(corpus);
		}
		if (recorded) {
			traces.addAll(recorded(tracesDir));
		}
		String regex = filter;
		traces = traces.stream().filter((t) -> t.name().matches(regex)).toList();
		long start = System.nanoTime();
		List<Detector> detectors = new ArrayList<>(AccuracyRunner.defaultDetectors());
		List<ConfirmingDetector> confirming = List.of(ConfirmingDetector.defaults(),
				new ConfirmingDetector(ConfirmationMode.NONE, 5, Duration.ofMinutes(10), "ours, confirmation off"),
				new ConfirmingDetector(ConfirmationMode.LIVE_HISTOGRAM, 5, Duration.ofMinutes(10),
						"ours, live-histogram"));
		detectors.addAll(confirming);
		if (proposals) {
			detectors.add(new EnvelopeProposal(30));
			detectors.add(new EnvelopeProposal(60));
		}
		AccuracyRunner.Results results = AccuracyRunner.run(traces, detectors);
		long millis = (System.nanoTime() - start) / 1_000_000;
		System.out.println("## Detection accuracy (" + traces.size() + " traces, replayed tick by tick in " + millis
				+ " ms)\n");
		System.out.println("### Verdict v2 per collector\n");
		for (ConfirmingDetector detector : confirming) {
			System.out.println("#### " + detector + "\n");
			System.out.println(results.collectorSummary(detector.alarms().get(0), detector.alarms().get(1),
					detector.costArrays()));
		}
		String defaultsAlarm = confirming.get(0).alarms().get(0);
		System.out.println("Traces whose verdict changed more than once after the first confirmed LEAK_SUSPECTED ("
				+ confirming.get(0) + "):\n");
		results.outcomes().get(defaultsAlarm).stream().filter((o) -> o.flips() > 1).forEach((o) -> System.out
			.println("- `" + o.trace().name() + "`: " + o.flips() + " changes, first alarm at tick " + o.firstAlarm()));
		System.out.println();
		System.out.println("Leaks of at least 0.5 %/h not confirmed within 60 ticks on traces whose collector measured the "
				+ "live set at least once per 15 ticks (" + confirming.get(0) + "):\n");
		results.outcomes()
			.get(defaultsAlarm)
			.stream()
			.filter((o) -> o.trace().leak() && o.trace().leakRatePerHour() >= AccuracyRunner.TARGET_RATE - 1e-12)
			.filter((o) -> AccuracyRunner.Results.measuresOften(o.trace()))
			.filter((o) -> o.delay() < 0 || o.delay() > AccuracyRunner.TARGET_DELAY)
			.forEach((o) -> System.out.println("- `" + o.trace().name() + "`: "
					+ ((o.delay() < 0) ? "never" : "after " + o.delay() + " ticks")));
		System.out.println();
		System.out.println("### All detectors\n");
		System.out.println(results.summary());
		System.out.println(confirmationCost(traces, confirming));
		System.out.println("### Per trace\n");
		System.out.println(results.details());
		explainOurFailures(results);
	}

	/**
	 * What the confirmations cost: live histograms (full collections, each a stop-the-world pause) per hour of trace.
	 */
	private static String confirmationCost(List<Trace> traces, List<ConfirmingDetector> detectors) {
		StringBuilder out = new StringBuilder("| confirmation setting | live histograms per hour, non-leaking "
				+ "(mean / max) | pause ms per hour, non-leaking (mean / max) | live histograms per hour, leaking "
				+ "(mean / max) |\n|---|---|---|---|\n");
		for (ConfirmingDetector detector : detectors) {
			java.util.Map<String, ConfirmingDetector.Cost> costs = detector.costs();
			out.append("| ").append(detector.alarms().get(0)).append(" | ")
				.append(perHour(traces, costs, false, ConfirmingDetector.Cost::histogramsPerHour)).append(" | ")
				.append(perHour(traces, costs, false, ConfirmingDetector.Cost::pauseMillisPerHour)).append(" | ")
				.append(perHour(traces, costs, true, ConfirmingDetector.Cost::histogramsPerHour)).append(" |\n");
		}
		return out.append("\nConfirmations are modelled on synthetic traces only (a recorded trace has no model to "
				+ "run a full collection in; its own live histograms, taken by the recording app, are replayed).\n")
			.toString();
	}

	private static String perHour(List<Trace> traces, java.util.Map<String, ConfirmingDetector.Cost> costs,
			boolean leak, java.util.function.ToDoubleFunction<ConfirmingDetector.Cost> figure) {
		double sum = 0;
		double max = 0;
		int n = 0;
		for (Trace trace : traces) {
			ConfirmingDetector.Cost cost = costs.get(trace.name());
			if (trace.leak() != leak || trace.simulation() == null || cost == null) {
				continue;
			}
			double rate = figure.applyAsDouble(cost);
			sum += rate;
			max = Math.max(max, rate);
			n++;
		}
		return (n == 0) ? "—" : String.format(java.util.Locale.ROOT, "%.2f / %.2f", sum / n, max);
	}

	private static void explainOurFailures(AccuracyRunner.Results results) {
		OurDetector ours = new OurDetector();
		String confirmed = ours.alarms().get(1);
		List<AccuracyRunner.Outcome> fps = results.falsePositives(confirmed);
		List<AccuracyRunner.Outcome> misses = results.targetMisses(confirmed);
		System.out.println("### Where our confirmed verdict misses the targets\n");
		if (fps.isEmpty() && misses.isEmpty()) {
			System.out.println("None: no false positive, every leak of at least 0.5 % of heap max per hour detected "
					+ "within " + AccuracyRunner.TARGET_DELAY + " ticks.\n");
			return;
		}
		for (AccuracyRunner.Outcome fp : fps) {
			List<Snapshot> snapshots = OurDetector.snapshots(fp.trace());
			TrendReport report = ours.analyze(snapshots, fp.firstAlarm());
			System.out.println("- false positive on `" + fp.trace().name() + "` at tick " + fp.firstAlarm() + ": "
					+ report.summary() + " Evidence: " + report.liveSet().reason());
		}
		for (AccuracyRunner.Outcome miss : misses) {
			List<Snapshot> snapshots = OurDetector.snapshots(miss.trace());
			int tick = Math.min(snapshots.size() - 1, miss.trace().leakStartTick() + AccuracyRunner.TARGET_DELAY);
			TrendReport report = ours.analyze(snapshots, tick);
			System.out.println("- `" + miss.trace().name() + "`: "
					+ ((miss.delay() < 0) ? "never confirmed" : "confirmed after " + miss.delay() + " ticks")
					+ "; at tick " + tick + " (" + AccuracyRunner.TARGET_DELAY + " ticks into the leak): "
					+ report.verdict() + " — " + report.series().get(0).reason() + " Evidence: "
					+ report.liveSet().reason());
		}
		System.out.println();
	}

	/**
	 * Prints what our detector saw on one trace at one tick: the exact and reclaimed points, the verdicts and why.
	 */
	private static void explain(String name, int tick, Path tracesDir, int[] seeds) throws IOException {
		List<Trace> all = new ArrayList<>(synthetic(seeds));
		all.addAll(recorded(tracesDir));
		Trace trace = all.stream().filter((t) -> t.name().equals(name)).findFirst().orElseThrow();
		OurDetector ours = new OurDetector();
		TrendReport report = ours.analyze(OurDetector.snapshots(trace), tick);
		System.out.println(trace.name() + " at tick " + tick + ": " + report.verdict() + " — " + report.summary());
		System.out.println("live set: " + report.series().get(0));
		System.out.println("evidence: " + report.liveSet().reason());
		report.liveSet().reclaimedFloor().forEach((p) -> System.out.println("  " + p));
	}

	private static List<Trace> synthetic(int[] seeds) {
		return (seeds != null) ? TraceGenerator.corpus(seeds[0], seeds[1]) : TraceGenerator.corpus();
	}

	private static int[] seeds(String range) {
		String[] parts = range.split("-");
		try {
			int first = Integer.parseInt(parts[0]);
			int last = Integer.parseInt(parts[parts.length - 1]);
			if (parts.length <= 2 && first >= 1 && last >= first) {
				return new int[] { first, last };
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		throw new IllegalArgumentException("--seeds " + range + ": expected FIRST-LAST with 1 <= FIRST <= LAST, e.g. 3-12");
	}

	private static List<Trace> recorded(Path dir) throws IOException {
		if (!Files.isDirectory(dir)) {
			return List.of();
		}
		List<Trace> traces = new ArrayList<>();
		try (Stream<Path> files = Files.walk(dir)) {
			for (Path file : files.filter((f) -> f.toString().endsWith(".csv")).sorted().toList()) {
				traces.add(TraceCsv.read(file));
			}
		}
		return traces;
	}

}
