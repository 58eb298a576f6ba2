package dev.memoryaudit.container;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.memoryaudit.snapshot.Snapshot;
import dev.memoryaudit.trend.ReportSection;
import dev.memoryaudit.trend.ReportSectionContributor;
import dev.memoryaudit.trend.SeriesAssessment;
import dev.memoryaudit.trend.SeriesAssessor;
import dev.memoryaudit.trend.TrendAnalyzer;
import dev.memoryaudit.trend.TrendSeries;
import dev.memoryaudit.trend.TrendThresholds;
import dev.memoryaudit.trend.Units;
import dev.memoryaudit.trend.Verdict;
import dev.memoryaudit.trend.stats.TheilSen;
import org.jspecify.annotations.Nullable;

/**
 * The {@code container} section of the trend report, and the one place where container memory is assessed.
 * <p>
 * The heap is counted at its maximum: a JVM commits heap up to {@code -Xmx} under load, which is not a leak, so the
 * time to the limit comes from everything else. The series assessed is the working set beyond the heap (working set
 * minus heap committed: metaspace, code cache, thread stacks, direct buffers, malloc, page cache the kernel cannot
 * reclaim), against the room the limit leaves beside a full heap (limit minus heap maximum), with the same robust trend
 * as every other series; its time to that ceiling is the time to the kill should the heap fill, so it errs early. When
 * the room is already smaller than what the rest takes, the kernel kills the JVM before its heap is full: a
 * configuration to fix, reported as such. The breakdown of the latest snapshot, and each part's slope over the trend
 * window, say what grows. The section reads GROWING while the limit is reached within the horizon
 * ({@code memory.audit.container.horizon}), so that growth that will not reach it for days does not raise the
 * report's verdict.
 */
public final class ContainerReport implements ReportSectionContributor {

	/** The section's name in the report. */
	public static final String SECTION = "container";

	/** Growth of the working set over the window below which it reads STABLE. */
	static final double MIN_GROWTH = 16 * 1024 * 1024;

	/** A part that explains less than this share of the working set's growth is not named as growing. */
	static final double MIN_SHARE = 0.1;

	private final ContainerMemorySampler sampler;

	private final TrendThresholds thresholds;

	private final Duration horizon;

	private volatile @Nullable ContainerAssessment latest;

	/**
	 * Creates the report.
	 * @param sampler the sampler that reads the figures on every tick
	 * @param thresholds the trend thresholds (warm-up, window, significance)
	 * @param horizon an ETA to the limit within this reads GROWING
	 */
	public ContainerReport(ContainerMemorySampler sampler, TrendThresholds thresholds, Duration horizon) {
		this.sampler = sampler;
		this.thresholds = thresholds;
		this.horizon = horizon;
	}

	@Override
	public List<ReportSection> sections() {
		return sections(List.of());
	}

	@Override
	public List<ReportSection> sections(List<Snapshot> history) {
		ContainerAssessment assessment = assess(history);
		this.latest = assessment;
		return List.of(new ReportSection(SECTION, assessment.verdict(), body(assessment), markdown(assessment)));
	}

	/**
	 * The assessment of the last section computed (once per tick), or one without history before the first.
	 * @return the assessment
	 */
	public ContainerAssessment latest() {
		ContainerAssessment assessment = this.latest;
		return (assessment != null) ? assessment : assess(List.of());
	}

	/**
	 * Assesses the container over the history.
	 * @param history snapshots, oldest first
	 * @return the assessment
	 */
	public ContainerAssessment assess(List<Snapshot> history) {
		CgroupLocation location = this.sampler.location();
		if (!location.available()) {
			return new ContainerAssessment(location, null, null, null, null, null, null, null, List.of(), List.of(),
					Verdict.INSUFFICIENT_DATA, "container memory unavailable: " + location.unavailableReason());
		}
		ContainerMemory figures = this.sampler.latest();
		if (figures == null) {
			return new ContainerAssessment(location, null, null, null, null, null, null, null, List.of(), List.of(),
					Verdict.INSUFFICIENT_DATA, "container memory not read yet");
		}
		List<Snapshot> assessed = TrendAnalyzer.assessable(history, this.thresholds, null)
			.stream()
			.filter((s) -> s.extraSeries().containsKey(ContainerMemorySampler.WORKING_SET))
			.toList();
		// the limit the history was read against (the latest snapshot's), the latest figures' before the first
		Long limit = assessed.isEmpty() ? (figures.limited() ? figures.limitBytes() : null)
				: assessed.get(assessed.size() - 1).extraSeries().get(ContainerMemorySampler.LIMIT);
		Snapshot last = lastWithUsage(history);
		long heapMax = (last != null) ? last.heap().max() : -1;
		Long room = (limit != null && heapMax > 0) ? Long.valueOf(limit - heapMax) : limit;
		SeriesAssessment beyondHeap = new SeriesAssessor(this.thresholds).assess(series(assessed, room, heapMax > 0));
		boolean growing = beyondHeap.verdict().isGrowth();
		Long eta = (growing && room != null && room > 0) ? beyondHeap.exhaustionSeconds() : null;
		Instant at = (eta != null && beyondHeap.windowEnd() != null) ? beyondHeap.windowEnd().plusSeconds(eta) : null;
		Long headroom = (room != null && last != null) ? room - beyondHeap(last, heapMax > 0) : null;
		ContainerBreakdown breakdown = (last != null) ? ContainerBreakdown.of(last) : null;
		Double slope = growing ? beyondHeap.slopePerHour() : null;
		List<ContainerAssessment.PartTrend> parts = partTrends(assessed, breakdown, slope);
		List<ContainerAssessment.PartTrend> named = growing ? parts.stream()
			.filter((p) -> !"heap".equals(p.name()) && p.bytesPerHour() > 0 && p.share() != null
					&& p.share() >= MIN_SHARE)
			.limit(3)
			.toList() : List.of();
		Verdict verdict;
		if (beyondHeap.verdict() == Verdict.INSUFFICIENT_DATA) {
			verdict = Verdict.INSUFFICIENT_DATA;
		}
		else if (eta != null && eta <= this.horizon.toSeconds()) {
			verdict = Verdict.GROWING;
		}
		else {
			verdict = Verdict.STABLE;
		}
		return new ContainerAssessment(location, figures, beyondHeap, eta, at, (heapMax > 0) ? heapMax : null,
				headroom, breakdown, parts, named, verdict,
				summary(figures, beyondHeap, eta, at, named, (heapMax > 0) ? heapMax : null, room, headroom));
	}

	/** The working set beyond the heap: minus heap committed, when the heap has a maximum to count it at. */
	private static long beyondHeap(Snapshot snapshot, boolean heapAtMax) {
		long workingSet = snapshot.extraSeries().getOrDefault(ContainerMemorySampler.WORKING_SET, 0L);
		return heapAtMax ? workingSet - snapshot.heap().committed() : workingSet;
	}

	private static TrendSeries series(List<Snapshot> assessed, @Nullable Long ceiling, boolean heapAtMax) {
		double[] times = new double[assessed.size()];
		double[] values = new double[assessed.size()];
		for (int i = 0; i < assessed.size(); i++) {
			Snapshot snapshot = assessed.get(i);
			times[i] = snapshot.time().getEpochSecond() + snapshot.time().getNano() / 1e9;
			values[i] = beyondHeap(snapshot, heapAtMax);
		}
		return new TrendSeries(heapAtMax ? "container-working-set-beyond-heap" : "container-working-set", "bytes",
				times, values, (ceiling != null) ? ceiling.doubleValue() : null, MIN_GROWTH);
	}

	private static @Nullable Snapshot lastWithUsage(List<Snapshot> history) {
		List<Snapshot> segment = TrendAnalyzer.currentSegment(history);
		for (int i = segment.size() - 1; i >= 0; i--) {
			if (segment.get(i).extraSeries().containsKey(ContainerMemorySampler.USAGE)) {
				return segment.get(i);
			}
		}
		return null;
	}

	/**
	 * Each part's Theil–Sen slope over the assessed snapshots, fastest first.
	 */
	static List<ContainerAssessment.PartTrend> partTrends(List<Snapshot> assessed,
			@Nullable ContainerBreakdown latest, @Nullable Double workingSetSlope) {
		if (latest == null) {
			return List.of();
		}
		List<ContainerBreakdown> breakdowns = new ArrayList<>();
		List<Double> hours = new ArrayList<>();
		for (Snapshot snapshot : assessed) {
			ContainerBreakdown breakdown = ContainerBreakdown.of(snapshot);
			if (breakdown != null) {
				breakdowns.add(breakdown);
				hours.add((snapshot.time().toEpochMilli() - assessed.get(0).time().toEpochMilli()) / 3_600_000.0);
			}
		}
		List<ContainerAssessment.PartTrend> trends = new ArrayList<>();
		for (ContainerBreakdown.Part part : latest.parts()) {
			List<double[]> points = new ArrayList<>();
			for (int i = 0; i < breakdowns.size(); i++) {
				Long bytes = breakdowns.get(i).bytes(part.name());
				if (bytes != null) {
					points.add(new double[] { hours.get(i), bytes });
				}
			}
			double slope = 0;
			long first = part.bytes();
			if (points.size() >= 3 && points.get(points.size() - 1)[0] > points.get(0)[0]) {
				double[] x = points.stream().mapToDouble((p) -> p[0]).toArray();
				double[] y = points.stream().mapToDouble((p) -> p[1]).toArray();
				slope = TheilSen.fit(x, y).slope();
				first = (long) y[0];
			}
			Double share = (workingSetSlope != null && workingSetSlope > 0) ? slope / workingSetSlope : null;
			trends.add(new ContainerAssessment.PartTrend(part.name(), part.bytes(), first, slope, share, part.what()));
		}
		trends.sort(Comparator.comparingDouble(ContainerAssessment.PartTrend::bytesPerHour).reversed());
		return trends;
	}

	private static String summary(ContainerMemory figures, SeriesAssessment workingSet, @Nullable Long eta,
			@Nullable Instant at, List<ContainerAssessment.PartTrend> growing, @Nullable Long heapMax,
			@Nullable Long room, @Nullable Long headroom) {
		StringBuilder out = new StringBuilder();
		Long ws = figures.workingSetBytes();
		if (!figures.limited()) {
			out.append("no container limit (cgroup ").append(figures.version()).append(")");
			if (ws != null) {
				out.append(": working set ").append(Units.bytes(ws));
			}
		}
		else if (figures.limitBytes() != null) {
			out.append("working set ")
				.append((ws != null) ? Units.bytes(ws) : "unavailable")
				.append(" of the ")
				.append(Units.bytes(figures.limitBytes()))
				.append(" limit");
			Double ratio = figures.workingSetRatio();
			if (ratio != null) {
				out.append(String.format(Locale.ROOT, " (%.0f%%)", ratio * 100));
			}
		}
		else {
			out.append("container limit unavailable: ").append(figures.unavailable().get("limit"));
		}
		if (heapMax != null && room != null && headroom != null && figures.limited()) {
			long rest = room - headroom;
			if (headroom < 0) {
				out.append(String.format(Locale.ROOT, "; the heap's maximum (%s) and the rest (%s now) exceed the "
						+ "limit by %s: the kernel kills the JVM before its heap is full (lower -Xmx or "
						+ "-XX:MaxRAMPercentage, or raise the limit)", Units.bytes(heapMax), Units.bytes(rest),
						Units.bytes(-headroom)));
				return out.toString();
			}
			out.append(String.format(Locale.ROOT, "; with the heap at its %s maximum, %s remain for the rest, which "
					+ "takes %s now", Units.bytes(heapMax), Units.bytes(room), Units.bytes(rest)));
		}
		if (workingSet.verdict().isGrowth() && workingSet.slopePerHour() != null) {
			out.append(", growing ").append(Units.bytes(workingSet.slopePerHour())).append("/h");
			if (eta != null && at != null) {
				out.append(": the limit is reached in about ")
					.append(Units.duration(Duration.ofSeconds(eta)))
					.append(" (")
					.append(at)
					.append(")");
			}
			if (!growing.isEmpty()) {
				out.append("; what grows: ");
				List<String> names = new ArrayList<>();
				for (ContainerAssessment.PartTrend part : growing) {
					names.add(String.format(Locale.ROOT, "%s +%s/h (%.0f%% of the growth)", part.name(),
							Units.bytes(part.bytesPerHour()), 100 * part.share()));
				}
				out.append(String.join(", ", names));
			}
		}
		else if (workingSet.verdict() == Verdict.INSUFFICIENT_DATA) {
			out.append("; trend: ").append(workingSet.reason());
		}
		else {
			out.append(", not growing (").append(workingSet.reason()).append(")");
		}
		return out.toString();
	}

	private static Map<String, Object> body(ContainerAssessment a) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("available", a.location().available());
		if (!a.location().available()) {
			body.put("unavailable", a.location().unavailableReason());
			body.put("summary", a.summary());
			return body;
		}
		ContainerMemory f = a.figures();
		body.put("version", a.location().version());
		body.put("cgroup", String.valueOf(a.location().directory()));
		body.put("summary", a.summary());
		if (f != null) {
			body.put("limited", f.limited());
			body.put("limitBytes", f.limitBytes());
			body.put("usageBytes", f.usageBytes());
			body.put("workingSetBytes", f.workingSetBytes());
			body.put("workingSetRatio", f.workingSetRatio());
			body.put("highBytes", f.highBytes());
			body.put("anonBytes", f.anonBytes());
			body.put("pageCacheBytes", f.pageCacheBytes());
			body.put("inactiveFileBytes", f.inactiveFileBytes());
			body.put("swapBytes", f.swapBytes());
			body.put("limitHits", f.limitHits());
			body.put("oomEvents", f.oomEvents());
			body.put("oomKills", f.oomKills());
			body.put("highEvents", f.highEvents());
			body.put("unavailableFigures", f.unavailable());
		}
		SeriesAssessment ws = a.beyondHeap();
		if (ws != null) {
			Map<String, Object> trend = new LinkedHashMap<>();
			trend.put("verdict", ws.verdict().name());
			trend.put("reason", ws.reason());
			trend.put("points", ws.points());
			trend.put("bytesPerHour", ws.slopePerHour());
			trend.put("pValue", ws.pValue());
			trend.put("sparkline", ws.sparkline());
			body.put("trend", trend);
		}
		body.put("heapMaxBytes", a.heapMaxBytes());
		body.put("headroomBytes", a.headroomBytes());
		body.put("exhaustionSeconds", a.exhaustionSeconds());
		body.put("exhaustionAt", (a.exhaustionAt() != null) ? a.exhaustionAt().toString() : null);
		ContainerBreakdown breakdown = a.breakdown();
		if (breakdown != null) {
			Map<String, Object> b = new LinkedHashMap<>();
			b.put("basis", breakdown.basis());
			b.put("usageBytes", breakdown.usageBytes());
			List<Map<String, Object>> parts = new ArrayList<>();
			for (ContainerBreakdown.Part part : breakdown.parts()) {
				Map<String, Object> p = new LinkedHashMap<>();
				p.put("name", part.name());
				p.put("bytes", part.bytes());
				a.parts().stream().filter((t) -> t.name().equals(part.name())).findFirst().ifPresent((t) -> {
					p.put("bytesPerHour", Math.round(t.bytesPerHour()));
					p.put("shareOfGrowth", t.share());
				});
				p.put("what", part.what());
				parts.add(p);
			}
			b.put("parts", parts);
			body.put("breakdown", b);
		}
		body.put("growing", a.growing().stream().map(ContainerAssessment.PartTrend::name).toList());
		return body;
	}

	private static String markdown(ContainerAssessment a) {
		StringBuilder md = new StringBuilder("## Container memory\n\n");
		if (!a.location().available()) {
			return md.append("unavailable: ").append(a.location().unavailableReason()).append('\n').toString();
		}
		md.append("cgroup ").append(a.location().version()).append(" `").append(a.location().directory()).append("`: ");
		md.append(a.verdict().isGrowth() ? "**" + a.summary() + "**" : a.summary()).append(".\n");
		ContainerMemory f = a.figures();
		if (f != null) {
			md.append("\nUsage ").append(bytes(f.usageBytes())).append(", page cache ").append(bytes(f.pageCacheBytes()))
				.append(", anonymous ").append(bytes(f.anonBytes()));
			if (f.highBytes() != null) {
				md.append(", high (throttle) limit ").append(bytes(f.highBytes()));
			}
			md.append("; limit hit ").append(count(f.limitHits())).append(" times, OOM kills ")
				.append(count(f.oomKills())).append(".\n");
		}
		ContainerBreakdown breakdown = a.breakdown();
		if (breakdown != null) {
			md.append("\n| part | now | per hour | what it holds |\n|---|---|---|---|\n");
			for (ContainerBreakdown.Part part : breakdown.parts()) {
				double perHour = a.parts()
					.stream()
					.filter((t) -> t.name().equals(part.name()))
					.mapToDouble(ContainerAssessment.PartTrend::bytesPerHour)
					.findFirst()
					.orElse(0);
				md.append("| ").append(part.name()).append(" | ").append(Units.bytes(part.bytes())).append(" | ")
					.append((perHour >= 0) ? "+" : "").append(Units.bytes(perHour)).append(" | ").append(part.what())
					.append(" |\n");
			}
			md.append("| **usage** | ").append(Units.bytes(breakdown.usageBytes())).append(" | | basis: ")
				.append(breakdown.basis()).append(" |\n");
		}
		return md.toString();
	}

	private static String bytes(@Nullable Long value) {
		return (value != null) ? Units.bytes(value) : "unavailable";
	}

	private static String count(@Nullable Long value) {
		return (value != null) ? value.toString() : "unavailable";
	}

}
