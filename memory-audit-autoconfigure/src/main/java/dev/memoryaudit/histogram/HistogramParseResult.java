package dev.memoryaudit.histogram;

import java.util.List;
import java.util.Objects;

/**
 * A parsed class histogram together with what the parser had to skip or compute to produce it.
 *
 * @param histogram the histogram
 * @param skippedLines the number of non-blank lines that were neither an entry, a header, a pid line nor the
 * {@code Total} line
 * @param skippedSamples up to {@value ClassHistogramParser#MAX_SKIPPED_SAMPLES} of the skipped lines, for diagnosis
 * @param totalLinePresent whether the totals came from the {@code Total} line; if {@code false} they were summed
 * from the entries
 */
public record HistogramParseResult(ClassHistogram histogram, int skippedLines, List<String> skippedSamples,
		boolean totalLinePresent) {

	public HistogramParseResult {
		Objects.requireNonNull(histogram, "histogram");
		skippedSamples = List.copyOf(skippedSamples);
	}

}
