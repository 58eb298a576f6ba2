package dev.memoryaudit.accuracy;

import java.util.List;

/**
 * A leak detector replayed over a trace tick by tick.
 */
public interface Detector {

	/**
	 * The names of the alarms this detector raises, one table row each.
	 * @return the alarm names
	 */
	List<String> alarms();

	/**
	 * Replays the trace and reports, per alarm, whether it was raised at each tick.
	 * @param trace the trace
	 * @return one boolean array per alarm, each as long as the trace
	 */
	List<boolean[]> replay(Trace trace);

}
