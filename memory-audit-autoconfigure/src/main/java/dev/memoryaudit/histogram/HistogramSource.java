package dev.memoryaudit.histogram;

/**
 * Produces the text of a class histogram of the running JVM, in the format of {@code jcmd GC.class_histogram}.
 */
@FunctionalInterface
public interface HistogramSource {

	/**
	 * Runs a class histogram.
	 * @param live {@code true} to count live objects only, which makes the JVM run a full GC first;
	 * {@code false} to pass {@code -all} and count unreachable objects too, without a GC
	 * @param parallelThreads how many threads the JVM should use to inspect the heap, or {@code 0} to let it decide;
	 * ignored when the JVM does not support parallel heap inspection
	 * @return the histogram text
	 * @throws HistogramUnavailableException if this JVM cannot produce a histogram
	 * @throws Exception if the histogram fails for another reason
	 */
	String run(boolean live, int parallelThreads) throws Exception;

}
