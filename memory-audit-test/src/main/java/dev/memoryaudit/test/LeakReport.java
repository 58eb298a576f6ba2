package dev.memoryaudit.test;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import dev.memoryaudit.histogram.ClassDelta;
import dev.memoryaudit.histogram.HistogramDiff;

/**
 * The outcome of a {@link LeakCheck}: every round's samples and fit, the verdict, what it cost, and on a suspected leak
 * the classes that grew.
 *
 * @param iterations iterations per measured round
 * @param warmup iterations run before the first round, not measured
 * @param maxBytesPerIteration the growth limit in bytes per iteration
 * @param significance the Mann–Kendall significance level
 * @param rounds the measured rounds in order; a round that did not suspect a leak ends the check
 * @param leakSuspected whether every round suspected a leak (the check fails)
 * @param elapsed wall time of the whole check, warm-up, collections and histograms included
 * @param fullGcs number of full collections forced
 * @param gcMethod how the collections were forced
 * @param growth classes that grew between live histograms taken at the start and end of the last round, largest
 * growth first; {@code null} when no leak was suspected or histograms were unavailable
 * @param histogramUnavailable why {@code growth} is missing although a leak was suspected, or {@code null}
 */
public record LeakReport(long iterations, long warmup, double maxBytesPerIteration, double significance,
		List<LeakRound> rounds, boolean leakSuspected, Duration elapsed, int fullGcs, String gcMethod,
		@Nullable HistogramDiff growth, @Nullable String histogramUnavailable) {

	private static final int CLASSES_SHOWN = 10;

	public LeakReport {
		rounds = List.copyOf(rounds);
	}

	/**
	 * Returns the last measured round.
	 * @return the round that decided the verdict
	 */
	public LeakRound lastRound() {
		return this.rounds.get(this.rounds.size() - 1);
	}

	/**
	 * Returns a one-line summary with the verdict, the fitted growth and the run time.
	 * @return the summary
	 */
	public String summary() {
		LeakRound last = lastRound();
		return String.format(Locale.ROOT,
				"LeakCheck %s: %.1f bytes/iteration (limit %.1f, Mann-Kendall p = %.2g), %d round(s) of %,d iterations"
						+ " after %,d warm-up, %d full GCs via %s, took %d ms",
				this.leakSuspected ? "FAILED" : "passed", last.bytesPerIteration(), this.maxBytesPerIteration,
				last.pValue(), this.rounds.size(), this.iterations, this.warmup, this.fullGcs, this.gcMethod,
				this.elapsed.toMillis());
	}

	/**
	 * Returns the message of the assertion error thrown for a suspected leak: the slope, the samples and the classes
	 * that grew.
	 * @return the multi-line message
	 */
	public String failureMessage() {
		LeakRound last = lastRound();
		StringBuilder message = new StringBuilder();
		message.append(String.format(Locale.ROOT,
				"Leak suspected: the live set grew %.1f bytes per iteration (Theil-Sen), above the limit of %.1f"
						+ " (Mann-Kendall p = %.2g < %.2g), in %d of %d round(s) of %,d iterations.%n",
				last.bytesPerIteration(), this.maxBytesPerIteration, last.pValue(), this.significance,
				this.rounds.size(), this.rounds.size(), this.iterations));
		for (int i = 0; i < this.rounds.size(); i++) {
			LeakRound round = this.rounds.get(i);
			message.append(String.format(Locale.ROOT, "Round %d: %.1f bytes/iteration, %,d bytes in total; samples"
					+ " (iteration: live bytes after full GC): %s%n", i + 1, round.bytesPerIteration(),
					round.bytesDelta(), round.samples()
						.stream()
						.map((s) -> String.format(Locale.ROOT, "%,d: %,d", s.iteration(), s.liveBytes()))
						.collect(Collectors.joining("; "))));
		}
		HistogramDiff diff = this.growth;
		if (diff != null) {
			message.append(String.format(Locale.ROOT,
					"Top growing classes (live class histograms at the start and end of round %d, %,d iterations;"
							+ " shallow sizes):%n", this.rounds.size(), this.iterations));
			int shown = 0;
			for (ClassDelta delta : diff.deltas()) {
				if (delta.bytesDelta() <= 0 || shown == CLASSES_SHOWN) {
					break;
				}
				message.append(String.format(Locale.ROOT, "  %+,14d B  %+,10d instances  %8.1f B/iteration  %s%n",
						delta.bytesDelta(), delta.instancesDelta(), (double) delta.bytesDelta() / this.iterations,
						delta.displayName()));
				shown++;
			}
			if (shown == 0) {
				message.append("  (no class grew; the growth is outside the Java heap's object counts)").append('\n');
			}
		}
		else if (this.histogramUnavailable != null) {
			message.append("No class breakdown: ").append(this.histogramUnavailable).append('\n');
		}
		message.append(String.format(Locale.ROOT, "Took %d ms (%,d warm-up + %d x %,d iterations, %d full GCs via %s).",
				this.elapsed.toMillis(), this.warmup, this.rounds.size(), this.iterations, this.fullGcs,
				this.gcMethod));
		return message.toString();
	}

}
