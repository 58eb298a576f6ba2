package dev.memoryaudit.accuracy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.IntToDoubleFunction;
import java.util.function.Supplier;

/**
 * Seeded generators of synthetic memory traces with known ground truth, one tick per minute.
 * <p>
 * Model per tick: the true live set {@code L} (scenario-specific, plus in-flight noise); promoted garbage {@code G} that
 * accumulates in the old generation at the regime's rate times the load; the after-GC floor {@code L + G + noise} (weak
 * evidence); when {@code L + G} crosses the regime's threshold a reclaiming collection runs, {@code G} drops to a small
 * residue (mixed) or zero (full) and the reclaimed floor {@code L + G + small noise} is recorded; raw heap used is
 * {@code L + G} plus a uniformly sampled young-generation fill (the sawtooth).
 */
public final class TraceGenerator {

	static final double MIB = 1024 * 1024;

	static final long TICK_MILLIS = 60_000;

	static final long START_EPOCH_MILLIS = 1_767_225_600_000L; // 2026-01-01T00:00:00Z

	static final long GIB = 1024L * 1024 * 1024;

	private TraceGenerator() {
	}

	/**
	 * The full synthetic corpus: seeds 1 and 2, the daily cycles with seed 1.
	 * @return the traces, non-leaking first
	 */
	public static List<Trace> corpus() {
		return corpus(1, 2, 1, 1);
	}

	/**
	 * The synthetic corpus for other seeds: the same scenarios drawn again, for checking that the rules were not
	 * fitted to the seeds of {@link #corpus()}.
	 * @param firstSeed the first seed
	 * @param lastSeed the last seed (inclusive)
	 * @return the traces, non-leaking first
	 */
	public static List<Trace> corpus(int firstSeed, int lastSeed) {
		return corpus(firstSeed, lastSeed, firstSeed, lastSeed);
	}

	private static List<Trace> corpus(int firstSeed, int lastSeed, int firstCycleSeed, int lastCycleSeed) {
		if (firstSeed < 1 || lastSeed < firstSeed) {
			throw new IllegalArgumentException("seeds " + firstSeed + ".." + lastSeed + ": need 1 <= first <= last");
		}
		List<Trace> traces = new ArrayList<>();
		GcRegime[] regimes = { GcRegime.G1_FREQUENT, GcRegime.G1_RARE, GcRegime.PARALLEL, GcRegime.ZGC,
				GcRegime.SHENANDOAH };
		for (int seed = firstSeed; seed <= lastSeed; seed++) {
			for (GcRegime regime : regimes) {
				traces.add(steady(regime, seed));
				traces.add(warmup(regime, seed));
				traces.add(cacheFill(regime, seed));
				traces.add(batchSpikes(regime, seed));
				traces.add(step(regime, seed));
			}
			traces.add(steady(GcRegime.G1_QUIET, seed));
			traces.add(cacheChurn(seed));
		}
		for (int seed = firstCycleSeed; seed <= lastCycleSeed; seed++) {
			traces.add(dailyCycle(GcRegime.G1_FREQUENT, seed));
			traces.add(dailyCycle(GcRegime.G1_RARE, seed));
		}
		for (int seed = firstSeed; seed <= lastSeed; seed++) {
			for (GcRegime regime : new GcRegime[] { GcRegime.G1_QUIET, GcRegime.PARALLEL }) {
				traces.add(smallHeap(regime, 0, seed));
			}
		}
		for (int seed = firstSeed; seed <= lastSeed; seed++) {
			for (GcRegime regime : regimes) {
				for (double pct : new double[] { 0.1, 0.25, 0.5, 1, 2, 5 }) {
					traces.add(leak(regime, pct / 100, seed));
				}
			}
			for (GcRegime regime : new GcRegime[] { GcRegime.G1_QUIET, GcRegime.PARALLEL }) {
				for (double pct : new double[] { 0.5, 2 }) {
					traces.add(smallHeap(regime, pct / 100, seed));
				}
			}
		}
		return traces;
	}

	/** Steady live set of 200 MiB on a 1 GiB heap, past warm-up. */
	public static Trace steady(GcRegime regime, int seed) {
		return build("steady", regime, seed, 480, GIB, 2 * 3600_000L, (t) -> 200 * MIB, (t) -> 1, -1, 0);
	}

	/** Start-up: the live set climbs from 80 to 200 MiB with a ten-minute time constant, then stays. */
	public static Trace warmup(GcRegime regime, int seed) {
		return build("warmup", regime, seed, 480, GIB, 0, (t) -> (200 - 120 * Math.exp(-t / 10.0)) * MIB, (t) -> 1, -1,
				0);
	}

	/** A cache filling towards a 250 MiB cap after start-up (time constant 20 minutes), then full. */
	public static Trace cacheFill(GcRegime regime, int seed) {
		return build("cache-fill", regime, seed, 480, GIB, 0,
				(t) -> (150 + 250 * (1 - Math.exp(-t / 20.0))) * MIB, (t) -> 1, -1, 0);
	}

	/** A batch job holding 150 MiB for ten minutes every two hours. */
	public static Trace batchSpikes(GcRegime regime, int seed) {
		return build("batch-spikes", regime, seed, 480, GIB, 2 * 3600_000L,
				(t) -> (200 + ((t % 120 >= 30 && t % 120 < 40) ? 150 : 0)) * MIB, (t) -> 1, -1, 0);
	}

	/** Reference data reloaded at tick 120: the live set steps up by 100 MiB once. */
	public static Trace step(GcRegime regime, int seed) {
		return build("step", regime, seed, 480, GIB, 2 * 3600_000L, (t) -> (200 + ((t >= 120) ? 100 : 0)) * MIB,
				(t) -> 1, -1, 0);
	}

	/**
	 * A day of load following a cosine from its trough: session state adds up to 40 MiB at the peak and promotion
	 * scales with the load.
	 */
	public static Trace dailyCycle(GcRegime regime, int seed) {
		return build("daily-cycle", regime, seed, 1440, GIB, 2 * 3600_000L,
				(t) -> (200 + 20 * (1 - Math.cos(2 * Math.PI * t / 1440))) * MIB,
				(t) -> 0.3 + 0.7 * (1 - Math.cos(2 * Math.PI * t / 1440)) / 2, -1, 0);
	}

	/** A 30 MiB live set with a cache churning at its cap on a 512 MiB heap (see {@link GcRegime#G1_CHURN}). */
	public static Trace cacheChurn(int seed) {
		return build("cache-churn", GcRegime.G1_CHURN, seed, 480, GIB / 2, 2 * 3600_000L, (t) -> 30 * MIB, (t) -> 1, -1,
				0);
	}

	/**
	 * A steady hour, then a leak of the given rate.
	 * @param regime the GC regime
	 * @param ratePerHour fraction of heap max leaked per hour
	 * @param seed the seed
	 * @return the trace
	 */
	public static Trace leak(GcRegime regime, double ratePerHour, int seed) {
		int start = 60;
		return build("leak", regime, seed, 480, GIB, 2 * 3600_000L,
				(t) -> 200 * MIB + ((t >= start) ? ratePerHour * GIB * (t - start) / 60.0 : 0), (t) -> 1, start,
				ratePerHour);
	}

	/**
	 * A small service: a 40 MiB live set on a 256 MiB heap, where a live histogram costs tens of milliseconds, with a
	 * leak from tick 60 (rate 0: none). On {@link GcRegime#G1_QUIET} the collector marks rarely, so only a
	 * confirmation measures the live set in time.
	 * @param regime the GC regime
	 * @param ratePerHour fraction of heap max leaked per hour, 0 for none
	 * @param seed the seed
	 * @return the trace
	 */
	public static Trace smallHeap(GcRegime regime, double ratePerHour, int seed) {
		int start = (ratePerHour > 0) ? 60 : -1;
		long max = 256L * 1024 * 1024;
		return build("small-heap", regime, seed, 480, max, 2 * 3600_000L,
				(t) -> 40 * MIB + ((start >= 0 && t >= start) ? ratePerHour * max * (t - start) / 60.0 : 0), (t) -> 1,
				start, ratePerHour);
	}

	public static Trace build(String scenario, GcRegime regime, int seed, int ticks, long heapMax, long startUptime,
			IntToDoubleFunction liveSet, IntToDoubleFunction load, int leakStart, double leakRate) {
		String name = scenario + ((leakRate > 0) ? String.format(Locale.ROOT, "-%spct", pct(leakRate)) : "") + "-"
				+ regime.name() + "-s" + seed;
		Supplier<SyntheticJvm> simulation = () -> new SyntheticJvm(regime, new Random(name.hashCode() * 31L + seed),
				heapMax, startUptime, liveSet, load, leakStart);
		SyntheticJvm jvm = simulation.get();
		List<TraceRow> rows = new ArrayList<>(ticks);
		for (int t = 0; t < ticks; t++) {
			rows.add(jvm.next(false));
		}
		return new Trace(name, scenario, regime.name(), leakStart >= 0, leakStart, leakRate, rows, simulation);
	}

	/**
	 * The model behind the synthetic traces, one tick at a time, so that a replay can also force a full collection
	 * (a live class histogram taken as a confirmation) and see what follows from it.
	 */
	public static final class SyntheticJvm {

		private final GcRegime regime;

		private final Random random;

		private final double max;

		private final long startUptime;

		private final IntToDoubleFunction liveSet;

		private final IntToDoubleFunction load;

		private final int leakStart;

		private final double inFlightNoise;

		private final double floorNoise;

		private final double reclaimedNoise;

		private double garbage;

		private int t;

		private long lastFullCollectionLive = -1;

		private long forcedLive = -1;

		SyntheticJvm(GcRegime regime, Random random, long heapMax, long startUptime, IntToDoubleFunction liveSet,
				IntToDoubleFunction load, int leakStart) {
			this.regime = regime;
			this.random = random;
			this.max = heapMax;
			this.startUptime = startUptime;
			this.liveSet = liveSet;
			this.load = load;
			this.leakStart = leakStart;
			this.inFlightNoise = 0.0015 * this.max;
			this.floorNoise = 0.003 * this.max;
			this.reclaimedNoise = 0.001 * this.max;
		}

		/**
		 * The next tick.
		 * @param fullCollectionFirst whether a full collection ran right after the previous tick (a live histogram):
		 * it reclaims all promoted garbage and measures the live set exactly
		 * @return the row
		 */
		public TraceRow next(boolean fullCollectionFirst) {
			if (fullCollectionFirst) {
				collectNow();
			}
			int t = this.t++;
			double live = this.liveSet.applyAsDouble(t) + Math.abs(this.random.nextGaussian()) * this.inFlightNoise;
			Long reclaimed = null;
			int reclaiming = 0;
			Long exact = null;
			String exactSource = null;
			if (this.forcedLive >= 0) {
				// the full collection a live histogram forced right after the previous tick; the histogram itself is
				// the exact measurement (the replay holds it), so the row carries only the reclaimed floor
				reclaimed = this.forcedLive;
				reclaiming = 1;
				this.forcedLive = -1;
			}
			double promoted = this.regime.promotedGarbageMibPerTick() * MIB * this.load.applyAsDouble(t)
					* Math.max(0, 1 + 0.3 * this.random.nextGaussian());
			double floor = live + this.garbage + Math.abs(this.random.nextGaussian()) * this.floorNoise;
			this.garbage += promoted;
			boolean cycle = (this.regime.cycleTicks() > 0) ? (t % this.regime.cycleTicks() == 0)
					: live + this.garbage > this.regime.reclaimAtFraction() * this.max;
			if (cycle) {
				// the marking (G1, ZGC, Shenandoah) or the full collection measures the live set; objects promoted
				// while a concurrent marking runs count as live, a little above the true live set
				exact = (long) (live + (this.regime.full() && this.regime.cycleTicks() == 0 ? 0
						: Math.abs(this.random.nextGaussian()) * this.reclaimedNoise * 0.5));
				exactSource = this.regime.exactSource();
				this.garbage = this.regime.full() ? 0 : this.garbage * (0.02 + 0.08 * this.random.nextDouble());
				double value = live + this.garbage + Math.abs(this.random.nextGaussian()) * this.reclaimedNoise;
				reclaimed = (reclaimed != null) ? Math.min(reclaimed, (long) value) : (long) value;
				reclaiming += this.regime.full() ? 1 : 1 + this.random.nextInt(4);
				floor = Math.min(floor, value);
			}
			if (reclaimed != null) {
				floor = Math.min(floor, reclaimed);
			}
			long used = (long) Math.min(this.max,
					live + this.garbage + this.random.nextDouble() * this.regime.youngFraction() * this.max);
			String label = (this.leakStart >= 0 && t >= this.leakStart) ? "leak" : "base";
			return new TraceRow(START_EPOCH_MILLIS + t * TICK_MILLIS, this.startUptime + t * TICK_MILLIS, used,
					(long) this.max, (long) floor, reclaimed, reclaiming, label, exact, exactSource);
		}

		/**
		 * The live set the last forced full collection measured (what its live histogram totals).
		 * @return the bytes, {@code -1} before any
		 */
		public long lastFullCollectionLive() {
			return this.lastFullCollectionLive;
		}

		/**
		 * A full collection now, right after the last tick (a live histogram): all promoted garbage is reclaimed and
		 * the live set is measured exactly.
		 * @return the live bytes it measured
		 */
		public long collectNow() {
			int previous = Math.max(0, this.t - 1);
			double live = this.liveSet.applyAsDouble(previous)
					+ Math.abs(this.random.nextGaussian()) * this.inFlightNoise;
			this.garbage = 0;
			this.forcedLive = (long) live;
			this.lastFullCollectionLive = (long) live;
			return this.forcedLive;
		}

		/**
		 * The heap maximum of the model.
		 * @return bytes
		 */
		public long heapMax() {
			return (long) this.max;
		}

	}

	private static String pct(double fraction) {
		String s = String.format(Locale.ROOT, "%.2f", fraction * 100);
		return s.replaceFirst("0+$", "").replaceFirst("\\.$", "");
	}

}
