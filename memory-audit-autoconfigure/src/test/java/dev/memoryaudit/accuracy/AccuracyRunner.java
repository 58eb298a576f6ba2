package dev.memoryaudit.accuracy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Replays traces through detectors and tabulates false positives on non-leaking traces and detection rate and delay
 * on leaking ones.
 */
public final class AccuracyRunner {

	/** Leaks at or above this rate (fraction of heap max per hour) must be detected. */
	public static final double TARGET_RATE = 0.005;

	/** ... within this many ticks of the leak's start. */
	public static final int TARGET_DELAY = 60;

	private AccuracyRunner() {
	}

	/**
	 * Our detector and the three baselines with the thresholds documented in {@code benchmarks/NOTEBOOK.md}.
	 * @return the detectors
	 */
	public static List<Detector> defaultDetectors() {
		return List.of(new OurDetector(), new RawHeapSlopeDetector(60, 0.01, 0.5), new ConsecutiveIncreaseDetector(5),
				new AfterGcSlopeDetector(60, 0.0025));
	}

	/**
	 * Replays every trace through every detector.
	 * @param traces the traces
	 * @param detectors the detectors
	 * @return the outcomes, per alarm name then per trace
	 */
	public static Results run(List<Trace> traces, List<Detector> detectors) {
		Map<String, List<Outcome>> outcomes = new LinkedHashMap<>();
		for (Detector detector : detectors) {
			for (String alarm : detector.alarms()) {
				outcomes.put(alarm, new ArrayList<>());
			}
		}
		List<List<Outcome>> perTrace = traces.parallelStream().map((trace) -> replay(trace, detectors)).toList();
		for (List<Outcome> list : perTrace) {
			for (Outcome outcome : list) {
				outcomes.get(outcome.alarm()).add(outcome);
			}
		}
		return new Results(traces, outcomes);
	}

	static List<Outcome> replay(Trace trace, List<Detector> detectors) {
		List<Outcome> outcomes = new ArrayList<>();
		for (Detector detector : detectors) {
			List<boolean[]> alarms = detector.replay(trace);
			for (int a = 0; a < alarms.size(); a++) {
				outcomes.add(Outcome.of(detector.alarms().get(a), trace, alarms.get(a)));
			}
		}
		return outcomes;
	}

	/**
	 * What one alarm did on one trace.
	 *
	 * @param alarm the alarm name
	 * @param trace the trace
	 * @param firstAlarm first tick raised, {@code -1} never
	 * @param firstAfterLeak first tick raised at or after the leak start, {@code -1} never (or no leak)
	 * @param alarmedTicks ticks raised in all
	 */
	public record Outcome(String alarm, Trace trace, int firstAlarm, int firstAfterLeak, int alarmedTicks, int flips) {

		static Outcome of(String alarm, Trace trace, boolean[] raised) {
			int first = -1;
			int afterLeak = -1;
			int count = 0;
			int flips = 0;
			for (int i = 0; i < raised.length; i++) {
				if (first >= 0 && raised[i] != raised[i - 1]) {
					flips++;
				}
				if (raised[i]) {
					count++;
					if (first < 0) {
						first = i;
					}
					if (afterLeak < 0 && trace.leak() && i >= trace.leakStartTick()) {
						afterLeak = i;
					}
				}
			}
			return new Outcome(alarm, trace, first, afterLeak, count, flips);
		}

		/** Whether the alarm was raised where there was no leak (on a non-leaking trace, or before the leak). */
		public boolean falseAlarm() {
			return this.firstAlarm >= 0 && (!this.trace.leak() || this.firstAlarm < this.trace.leakStartTick());
		}

		/** Ticks from the leak start to the first alarm at or after it, {@code -1} when missed. */
		public int delay() {
			return (this.firstAfterLeak >= 0) ? this.firstAfterLeak - this.trace.leakStartTick() : -1;
		}

	}

	/**
	 * The outcomes of a run.
	 *
	 * @param traces the traces
	 * @param outcomes per alarm name, one outcome per trace
	 */
	public record Results(List<Trace> traces, Map<String, List<Outcome>> outcomes) {

		public List<Outcome> falsePositives(String alarm) {
			return this.outcomes.get(alarm).stream().filter((o) -> !o.trace().leak() && o.falseAlarm()).toList();
		}

		/** Leaking traces at or above the target rate that were not detected within the target delay. */
		public List<Outcome> targetMisses(String alarm) {
			return this.outcomes.get(alarm)
				.stream()
				.filter((o) -> o.trace().leak() && o.trace().leakRatePerHour() >= TARGET_RATE - 1e-12)
				.filter((o) -> o.delay() < 0 || o.delay() > TARGET_DELAY)
				.toList();
		}

		/**
		 * The summary table, one row per alarm.
		 * @return markdown
		 */
		public String summary() {
			StringBuilder out = new StringBuilder();
			long nonLeaking = this.traces.stream().filter((t) -> !t.leak()).count();
			long target = this.traces.stream().filter((t) -> t.leak() && t.leakRatePerHour() >= TARGET_RATE - 1e-12).count();
			long slow = this.traces.stream().filter((t) -> t.leak() && t.leakRatePerHour() < TARGET_RATE - 1e-12).count();
			out.append(String.format(Locale.ROOT,
					"| detector | false positives (%d non-leaking) | pre-leak alarms (%d leaking) | detected, leaks ≥ 0.5%%/h (%d) | within %d ticks | median delay | p95 delay | detected, leaks < 0.5%%/h (%d) |%n",
					nonLeaking, target + slow, target, TARGET_DELAY, slow));
			out.append("|---|---|---|---|---|---|---|---|\n");
			for (Map.Entry<String, List<Outcome>> entry : this.outcomes.entrySet()) {
				List<Outcome> all = entry.getValue();
				long fp = all.stream().filter((o) -> !o.trace().leak() && o.falseAlarm()).count();
				long pre = all.stream().filter((o) -> o.trace().leak() && o.falseAlarm()).count();
				List<Outcome> targets = all.stream()
					.filter((o) -> o.trace().leak() && o.trace().leakRatePerHour() >= TARGET_RATE - 1e-12)
					.toList();
				int[] delays = targets.stream().mapToInt(Outcome::delay).filter((d) -> d >= 0).sorted().toArray();
				long within = Arrays.stream(delays).filter((d) -> d <= TARGET_DELAY).count();
				long slowDetected = all.stream()
					.filter((o) -> o.trace().leak() && o.trace().leakRatePerHour() < TARGET_RATE - 1e-12)
					.filter((o) -> o.delay() >= 0)
					.count();
				out.append(String.format(Locale.ROOT, "| %s | %d/%d (%.0f%%) | %d/%d | %d/%d | %d/%d | %s | %s | %d/%d |%n",
						entry.getKey(), fp, nonLeaking, 100.0 * fp / Math.max(1, nonLeaking), pre, target + slow,
						delays.length, target, within, target, quantile(delays, 0.5), quantile(delays, 0.95),
						slowDetected, slow));
			}
			return out.toString();
		}

		/**
		 * One row per collector (and one for all), for a detector with a leak alarm and a top-level growth alarm:
		 * false confirmed verdicts and top-level growth on non-leaking traces, leaks of at least the target rate
		 * confirmed within the target delay (all, and on traces whose collector measured the live set at least once
		 * per 15 ticks), median and p95 delay, verdict flips after the first confirmed one, and the pauses caused.
		 * @param leakAlarm the leak alarm
		 * @param growthAlarm the top-level growth alarm
		 * @param costs live histograms and pause milliseconds per hour, per trace name (may be empty)
		 * @return markdown
		 */
		public String collectorSummary(String leakAlarm, String growthAlarm, Map<String, double[]> costs) {
			StringBuilder out = new StringBuilder();
			out.append("| collector | traces | false confirmed (non-leaking) | top-level GROWING (non-leaking) | "
					+ "leaks ≥ 0.5 %/h within 60 ticks | same, collector measures ≥ 1/15 ticks in them | median delay | "
					+ "p95 delay | flips after first confirmed (mean / max) | live histograms / h (non-leaking) | "
					+ "our pause ms / h (non-leaking) |\n|---|---|---|---|---|---|---|---|---|---|---|\n");
			List<String> collectors = new ArrayList<>();
			for (Trace trace : this.traces) {
				String collector = GcRegime.collector(trace.regime());
				if (!collectors.contains(collector)) {
					collectors.add(collector);
				}
			}
			collectors.add("all");
			for (String collector : collectors) {
				List<Integer> indexes = new ArrayList<>();
				for (int t = 0; t < this.traces.size(); t++) {
					if (collector.equals("all") || GcRegime.collector(this.traces.get(t).regime()).equals(collector)) {
						indexes.add(t);
					}
				}
				List<Outcome> leak = indexes.stream().map((t) -> this.outcomes.get(leakAlarm).get(t)).toList();
				List<Outcome> growth = indexes.stream().map((t) -> this.outcomes.get(growthAlarm).get(t)).toList();
				long nonLeaking = leak.stream().filter((o) -> !o.trace().leak()).count();
				long fp = leak.stream().filter((o) -> !o.trace().leak() && o.falseAlarm()).count();
				long growing = growth.stream().filter((o) -> !o.trace().leak() && o.firstAlarm() >= 0).count();
				List<Outcome> targets = leak.stream()
					.filter((o) -> o.trace().leak() && o.trace().leakRatePerHour() >= TARGET_RATE - 1e-12)
					.toList();
				List<Outcome> marking = targets.stream().filter((o) -> measuresOften(o.trace())).toList();
				int[] delays = targets.stream().mapToInt(Outcome::delay).filter((d) -> d >= 0).sorted().toArray();
				long within = targets.stream().filter((o) -> o.delay() >= 0 && o.delay() <= TARGET_DELAY).count();
				long withinMarking = marking.stream()
					.filter((o) -> o.delay() >= 0 && o.delay() <= TARGET_DELAY)
					.count();
				List<Outcome> confirmedOnce = leak.stream().filter((o) -> o.firstAlarm() >= 0).toList();
				double meanFlips = confirmedOnce.stream().mapToInt(Outcome::flips).average().orElse(0);
				int maxFlips = confirmedOnce.stream().mapToInt(Outcome::flips).max().orElse(0);
				double[] cost = meanCost(indexes, costs);
				out.append(String.format(Locale.ROOT,
						"| %s | %d | %d/%d | %d/%d | %d/%d | %d/%d | %s | %s | %.2f / %d | %s | %s |%n", collector,
						indexes.size(), fp, nonLeaking, growing, nonLeaking, within, targets.size(), withinMarking,
						marking.size(), quantile(delays, 0.5), quantile(delays, 0.95), meanFlips, maxFlips,
						(cost == null) ? "—" : String.format(Locale.ROOT, "%.2f", cost[0]),
						(cost == null) ? "—" : String.format(Locale.ROOT, "%.1f", cost[1])));
			}
			return out.toString();
		}

		private double @org.jspecify.annotations.Nullable [] meanCost(List<Integer> indexes, Map<String, double[]> costs) {
			double histograms = 0;
			double millis = 0;
			int n = 0;
			for (int t : indexes) {
				Trace trace = this.traces.get(t);
				double[] cost = costs.get(trace.name());
				if (!trace.leak() && cost != null) {
					histograms += cost[0];
					millis += cost[1];
					n++;
				}
			}
			return (n == 0) ? null : new double[] { histograms / n, millis / n };
		}

		/**
		 * Whether the collector measured the live set on its own (markings and full collections, not live histograms)
		 * at least once per 15 ticks where it matters: over the target delay after a leak's start, or over the whole
		 * trace without a leak.
		 */
		public static boolean measuresOften(Trace trace) {
			int from = trace.leak() ? Math.max(0, trace.leakStartTick()) : 0;
			int to = trace.leak() ? Math.min(trace.rows().size(), from + TARGET_DELAY) : trace.rows().size();
			long measured = trace.rows()
				.subList(from, to)
				.stream()
				.filter((r) -> r.exactSource() != null
						&& !dev.memoryaudit.snapshot.LiveSetMeasurement.LIVE_HISTOGRAM.equals(r.exactSource()))
				.count();
			return to > from && measured * 15 >= (to - from);
		}

		/**
		 * Per trace, the first alarm tick of every detector (non-leaking traces) or the delay (leaking traces).
		 * @return markdown
		 */
		public String details() {
			StringBuilder out = new StringBuilder();
			List<String> alarms = new ArrayList<>(this.outcomes.keySet());
			out.append("| trace | leak start | ");
			for (int i = 0; i < alarms.size(); i++) {
				out.append("D").append(i + 1).append(" | ");
			}
			out.append("\n|---|---|");
			out.append("---|".repeat(alarms.size())).append('\n');
			for (int t = 0; t < this.traces.size(); t++) {
				Trace trace = this.traces.get(t);
				out.append("| ").append(trace.name()).append(" | ").append(trace.leak() ? trace.leakStartTick() : "—");
				for (String alarm : alarms) {
					Outcome o = this.outcomes.get(alarm).get(t);
					String cell;
					if (!trace.leak()) {
						cell = (o.firstAlarm() < 0) ? "·" : "FP@" + o.firstAlarm();
					}
					else {
						cell = (o.delay() < 0) ? "miss" : "+" + o.delay();
						if (o.falseAlarm()) {
							cell = "FP@" + o.firstAlarm() + ", " + cell;
						}
					}
					out.append(" | ").append(cell);
				}
				out.append(" |\n");
			}
			out.append('\n');
			for (int i = 0; i < alarms.size(); i++) {
				out.append("D").append(i + 1).append(" = ").append(alarms.get(i)).append("  \n");
			}
			out.append("`·` no alarm; `FP@t` first false alarm at tick t; `+d` first alarm d ticks after the leak "
					+ "started; `miss` never raised.\n");
			return out.toString();
		}

		static String quantile(int[] sorted, double q) {
			if (sorted.length == 0) {
				return "—";
			}
			int index = (int) Math.ceil(q * sorted.length) - 1;
			return String.valueOf(sorted[Math.max(0, Math.min(sorted.length - 1, index))]);
		}

	}

}
