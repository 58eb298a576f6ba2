package dev.memoryaudit.histogram;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The classification of every class that a series of class histograms retained often enough, ranked by suspicion.
 *
 * @param classes every analysed class, suspects first (steadily growing before the others), then by growth rate
 * @param histogramCount how many histograms were analysed
 * @param firstVsLastOnly whether only two histograms were available, so growth was judged from first versus last
 * without a trend (lower confidence, see {@link LeakSuspect.Classification#GREW})
 * @param span time between the first and the last histogram
 */
public record LeakSuspectAnalysis(List<LeakSuspect> classes, int histogramCount, boolean firstVsLastOnly,
		Duration span) {

	public LeakSuspectAnalysis {
		classes = List.copyOf(classes);
		Objects.requireNonNull(span, "span");
	}

	/**
	 * Returns the classes that grew enough to be leak suspects, in rank order.
	 * @return the suspects
	 */
	public List<LeakSuspect> suspects() {
		return this.classes.stream().filter(LeakSuspect::suspect).toList();
	}

}
