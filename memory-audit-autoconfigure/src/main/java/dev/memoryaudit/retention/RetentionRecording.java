package dev.memoryaudit.retention;

/**
 * When the retention recording runs.
 */
public enum RetentionRecording {

	/**
	 * Only while a leak is suspected: the recording starts when the verdict reads {@code LEAK_SUSPECTED}, samples for
	 * a while, dumps, and stops once a dump has named a culprit (or after three dumps), so a healthy service pays
	 * nothing for it.
	 */
	ON_LEAK,

	/**
	 * From start-up until the application stops: paths are ready the moment the trend turns, and a dump can be
	 * requested at any time, at the recording's cost under load all along.
	 */
	ALWAYS

}
