package dev.memoryaudit.fd;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.memoryaudit.snapshot.SeriesContributor;
import dev.memoryaudit.trend.SeriesDefinition;
import org.jspecify.annotations.Nullable;

/**
 * Takes a file-descriptor census on every snapshot tick, contributes the counts to the snapshot as series
 * {@code fd.<type>} and keeps the latest census for gauges and health, so scrapes never read link targets.
 */
public final class FdTypeSampler implements SeriesContributor {

	/**
	 * Prefix of the contributed series names.
	 */
	public static final String SERIES_PREFIX = "fd.";

	private final FdTypeReader reader;

	private volatile @Nullable FdCensus latest;

	/**
	 * Creates a sampler.
	 * @param reader the census reader
	 */
	public FdTypeSampler(FdTypeReader reader) {
		this.reader = reader;
	}

	public FdTypeReader reader() {
		return this.reader;
	}

	@Override
	public Map<String, Long> sample() {
		FdCensus census = this.reader.read();
		if (census == null) {
			return Map.of();
		}
		this.latest = census;
		Map<String, Long> values = new LinkedHashMap<>();
		for (FdType type : FdType.values()) {
			values.put(seriesName(type), census.count(type));
		}
		return values;
	}

	/**
	 * The latest census, taking a first one when no tick has run yet.
	 * @return the census, or {@code null} when unavailable
	 */
	public @Nullable FdCensus latest() {
		FdCensus census = this.latest;
		if (census == null) {
			synchronized (this) {
				census = this.latest;
				if (census == null) {
					census = this.reader.read();
					this.latest = census;
				}
			}
		}
		return census;
	}

	/**
	 * The series name of a type.
	 * @param type the type
	 * @return e.g. {@code fd.socket}
	 */
	public static String seriesName(FdType type) {
		return SERIES_PREFIX + type.tag();
	}

	/**
	 * Trend series definitions for every type, so descriptor growth per type joins the trend report.
	 * @return one definition per type
	 */
	public static List<SeriesDefinition> seriesDefinitions() {
		return java.util.Arrays.stream(FdType.values())
			.map((type) -> SeriesDefinition.extra(seriesName(type), "fds", 10))
			.toList();
	}

}
