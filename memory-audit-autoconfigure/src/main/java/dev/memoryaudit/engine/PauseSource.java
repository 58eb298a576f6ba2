package dev.memoryaudit.engine;

import java.util.function.LongConsumer;

/**
 * A component outside the engine that pauses the JVM (a heap dump, a retention dump). When it is one of the engine's
 * report-section contributors, the engine listens to it, so that its pauses count against the pause budget and reach
 * the {@code memory.audit.pause} timer like the engine's own.
 */
public interface PauseSource {

	/**
	 * Registers a listener told how long each pause took, in milliseconds.
	 * @param listener the listener
	 */
	void addPauseListener(LongConsumer listener);

	/**
	 * What its pauses are.
	 * @return the cause
	 */
	PauseCause pauseCause();

}
