package dev.memoryaudit.audit;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.memoryaudit.trend.SeriesAssessment;
import dev.memoryaudit.trend.Verdict;
import org.jspecify.annotations.Nullable;

/**
 * What one {@link LeakProbe} found: its figures, its trends, its findings and its verdict.
 *
 * @param probe the probe's name ({@code meter-registry}, {@code class-loading}, {@code http-sessions},
 * {@code thread-locals})
 * @param verdict STABLE, GROWING or LEAK_SUSPECTED from its growth findings; INSUFFICIENT_DATA when unavailable
 * @param summary one sentence
 * @param unavailable {@code unavailable: why} when the probe cannot work on this JVM or application, else
 * {@code null}
 * @param figures what was read (counts, bounds, top offenders), for the JSON
 * @param trends the assessed series
 * @param findings the findings, with the fix
 * @param notes what could only be partly read and why
 * @param measures values for the auditor's gauges, bounded in number and tag values
 */
public record ProbeRow(String probe, Verdict verdict, String summary, @Nullable String unavailable,
		Map<String, Object> figures, List<SeriesAssessment> trends, List<Finding> findings, List<String> notes,
		List<Measure> measures) {

	public ProbeRow {
		figures = Collections.unmodifiableMap(new LinkedHashMap<>(figures));
		trends = List.copyOf(trends);
		findings = List.copyOf(findings);
		notes = List.copyOf(notes);
		measures = List.copyOf(measures);
	}

	/**
	 * A row for a probe that cannot work here.
	 * @param probe the probe's name
	 * @param why why, starting with {@code unavailable:}
	 * @return the row
	 */
	public static ProbeRow unavailable(String probe, String why) {
		return new ProbeRow(probe, Verdict.INSUFFICIENT_DATA, why, why, Map.of(), List.of(), List.of(), List.of(),
				List.of());
	}

	/**
	 * The worst growth verdict among trends that carry a growth finding.
	 * @param trends the trends behind the growth findings
	 * @return STABLE when none grows
	 */
	public static Verdict worst(List<SeriesAssessment> trends) {
		Verdict worst = Verdict.STABLE;
		for (SeriesAssessment trend : trends) {
			if (trend.verdict().isGrowth()) {
				worst = worst.worst(trend.verdict());
			}
		}
		return worst;
	}

	/**
	 * One value for a gauge of the auditor's meters.
	 *
	 * @param meter the Micrometer name, one the auditor's meters know ({@code memory.audit.meters}, ...)
	 * @param tags the tags, bounded values only
	 * @param value the value, {@code NaN} when unknown
	 */
	public record Measure(String meter, Map<String, String> tags, double value) {

		public Measure {
			tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
		}

		/**
		 * An untagged value.
		 * @param meter the Micrometer name
		 * @param value the value
		 * @return the measure
		 */
		public static Measure of(String meter, double value) {
			return new Measure(meter, Map.of(), value);
		}

	}

}
