package dev.memoryaudit.accuracy;

import java.util.List;

/**
 * Baseline: Node's memwatch rule, a leak after N consecutive increases of the heap after garbage collection. Here the
 * after-GC value is each tick's after-GC floor; ticks without a collection are skipped.
 */
public final class ConsecutiveIncreaseDetector implements Detector {

	private final int increases;

	public ConsecutiveIncreaseDetector(int increases) {
		this.increases = increases;
	}

	@Override
	public List<String> alarms() {
		return List.of("memwatch: " + this.increases + " consecutive after-GC increases");
	}

	@Override
	public List<boolean[]> replay(Trace trace) {
		List<TraceRow> rows = trace.rows();
		boolean[] alarm = new boolean[rows.size()];
		Long previous = null;
		int run = 0;
		for (int i = 0; i < rows.size(); i++) {
			Long floor = rows.get(i).afterGcFloor();
			if (floor != null) {
				run = (previous != null && floor > previous) ? run + 1 : 0;
				previous = floor;
			}
			alarm[i] = run >= this.increases;
		}
		return List.of(alarm);
	}

}
