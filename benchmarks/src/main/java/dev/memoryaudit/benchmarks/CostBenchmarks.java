package dev.memoryaudit.benchmarks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.memoryaudit.accuracy.GcRegime;
import dev.memoryaudit.accuracy.OurDetector;
import dev.memoryaudit.accuracy.Trace;
import dev.memoryaudit.accuracy.TraceGenerator;
import dev.memoryaudit.histogram.ClassHistogram;
import dev.memoryaudit.histogram.ClassHistogramParser;
import dev.memoryaudit.histogram.HistogramDiff;
import dev.memoryaudit.report.HeapDiffMarkdown;
import dev.memoryaudit.report.HeapDiffReport;
import dev.memoryaudit.report.TrendMarkdown;
import dev.memoryaudit.snapshot.GcMonitor;
import dev.memoryaudit.snapshot.PlatformProcessProbe;
import dev.memoryaudit.snapshot.Snapshot;
import dev.memoryaudit.snapshot.SnapshotCapturer;
import dev.memoryaudit.trend.SeriesDefinition;
import dev.memoryaudit.trend.TrendAnalyzer;
import dev.memoryaudit.trend.TrendInput;
import dev.memoryaudit.trend.TrendReport;
import dev.memoryaudit.trend.TrendThresholds;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of what the starter does per tick and per request: cheap snapshot capture, histogram parsing and diffing at
 * 5,000 classes, the trend over 1,440 points, markdown rendering.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = { "-Xmx1g" })
@State(Scope.Benchmark)
public class CostBenchmarks {

	private GcMonitor gcMonitor;

	private SnapshotCapturer capturer;

	private long ids;

	private String histogramText;

	private ClassHistogram fullBefore;

	private ClassHistogram fullAfter;

	private HeapDiffReport diffReport;

	private List<Snapshot> snapshots;

	private TrendAnalyzer analyzer24h;

	private TrendAnalyzer analyzerDefault;

	private TrendReport report;

	@Setup(Level.Trial)
	public void setUp() {
		this.gcMonitor = GcMonitor.forPlatform();
		this.gcMonitor.start();
		this.capturer = new SnapshotCapturer(this.gcMonitor, new PlatformProcessProbe(), List.of(), Clock.systemUTC());
		this.histogramText = HistogramTexts.generate(5_000, 1, 1.0);
		Instant now = Instant.now();
		this.fullBefore = ClassHistogramParser.parse(this.histogramText, 5_000, false, now, Duration.ofMillis(300));
		this.fullAfter = ClassHistogramParser.parse(HistogramTexts.generate(5_000, 2, 1.5), 5_000, false,
				now.plusSeconds(3600), Duration.ofMillis(300));
		this.diffReport = new HeapDiffReport(1, 61, "baseline", "scheduled",
				HistogramDiff.between(this.fullBefore, this.fullAfter, 50));
		Trace trace = TraceGenerator.build("leak", GcRegime.G1_FREQUENT, 1, 1440, 1L << 30, 7_200_000L,
				(t) -> 200.0 * (1 << 20) + ((t >= 60) ? 0.01 * (1L << 30) * (t - 60) / 60.0 : 0), (t) -> 1, 60, 0.01);
		this.snapshots = OurDetector.snapshots(trace);
		TrendThresholds defaults = TrendThresholds.defaults();
		TrendThresholds wholeDay = new TrendThresholds(defaults.warmup(), Duration.ofHours(24), defaults.minPoints(),
				defaults.significance(), defaults.minGrowthRate(), defaults.noiseFactor(), defaults.saturationRatio(),
				defaults.recentFraction(), defaults.minReclaimedPoints(), defaults.reclaimedSignificance());
		this.analyzer24h = new TrendAnalyzer(wholeDay, SeriesDefinition.standard());
		this.analyzerDefault = new TrendAnalyzer(defaults, SeriesDefinition.standard());
		this.report = trend1440();
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		this.gcMonitor.close();
	}

	/** One cheap snapshot from the platform MXBeans, GC monitor and /proc. */
	@Benchmark
	public Snapshot snapshotCapture() {
		return this.capturer.capture(++this.ids, null);
	}

	/** Parsing a 5,000-class histogram, keeping the top 200 (the default). */
	@Benchmark
	public ClassHistogram histogramParse5000() {
		return ClassHistogramParser.parse(this.histogramText, 200, false, Instant.EPOCH, Duration.ZERO);
	}

	/** Diffing two 5,000-class histograms (all entries kept), 50 deltas reported. */
	@Benchmark
	public HistogramDiff histogramDiff5000() {
		return HistogramDiff.between(this.fullBefore, this.fullAfter, 50);
	}

	/** The trend over 1,440 snapshots, all seven standard series, window widened to 24 h so all points count. */
	@Benchmark
	public TrendReport trend1440() {
		return this.analyzer24h.analyze(input());
	}

	/** The trend over 1,440 snapshots with the default 6 h window (360 points assessed). */
	@Benchmark
	public TrendReport trend1440DefaultWindow() {
		return this.analyzerDefault.analyze(input());
	}

	/** Rendering the trend report as markdown. */
	@Benchmark
	public String trendMarkdown() {
		return TrendMarkdown.render(this.report);
	}

	/** Rendering a heap diff of two 5,000-class histograms as markdown. */
	@Benchmark
	public String heapDiffMarkdown() {
		return HeapDiffMarkdown.render(this.diffReport);
	}

	private TrendInput input() {
		return new TrendInput(this.snapshots.get(this.snapshots.size() - 1).time(), this.snapshots, List.of(),
				List.of(), "none", List.of(), List.of());
	}

}
