package dev.memoryaudit.benchmarks;

import java.util.ArrayList;
import java.util.List;

import dev.memoryaudit.accuracy.Detector;
import dev.memoryaudit.accuracy.OurDetector;
import dev.memoryaudit.accuracy.Trace;
import dev.memoryaudit.accuracy.TraceRow;

/**
 * A proposal, not the shipped detector: the same {@link OurDetector}, fed a lower envelope of the after-GC floor (the
 * minimum over the last {@code k} ticks) as the live set instead of each tick's floor. The envelope cuts the sawtooth
 * of promoted garbage between reclaiming collections down to the floors those collections leave, so the noise test no
 * longer needs hours of growth; the evidence gate still sees the unmodified reclaimed floors.
 */
final class EnvelopeProposal implements Detector {

	private final int k;

	private final OurDetector ours = new OurDetector();

	EnvelopeProposal(int k) {
		this.k = k;
	}

	@Override
	public List<String> alarms() {
		return List.of("proposal: ours on " + this.k + "-tick lower envelope, any growth",
				"proposal: ours on " + this.k + "-tick lower envelope, confirmed");
	}

	@Override
	public List<boolean[]> replay(Trace trace) {
		List<TraceRow> rows = trace.rows();
		List<TraceRow> enveloped = new ArrayList<>(rows.size());
		for (int i = 0; i < rows.size(); i++) {
			Long min = null;
			for (int j = Math.max(0, i - this.k + 1); j <= i; j++) {
				Long floor = rows.get(j).afterGcFloor();
				if (floor != null && (min == null || floor < min)) {
					min = floor;
				}
			}
			TraceRow row = rows.get(i);
			enveloped.add(new TraceRow(row.epochMillis(), row.uptimeMillis(), row.heapUsed(), row.heapMax(), min,
					row.reclaimedFloor(), row.reclaimingCollections(), row.label()));
		}
		return this.ours.replay(new Trace(trace.name(), trace.scenario(), trace.regime(), trace.leak(),
				trace.leakStartTick(), trace.leakRatePerHour(), enveloped));
	}

}
