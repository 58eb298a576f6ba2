package dev.memoryaudit.snapshot;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GcMonitorMeasurementTests {

	@Test
	void fullCollectionsMeasureTheLiveSetButNotTheOnesAHeapInspectionCaused() {
		assertThat(GcMonitor.measurementSource("PS MarkSweep", "end of major GC", "System.gc()", true))
			.isEqualTo(LiveSetMeasurement.FULL_COLLECTION);
		assertThat(GcMonitor.measurementSource("MarkSweepCompact", "end of major GC", "Allocation Failure", true))
			.isEqualTo(LiveSetMeasurement.FULL_COLLECTION);
		assertThat(GcMonitor.measurementSource("G1 Old Generation", "end of major GC", "Heap Inspection Initiated GC",
				true))
			.isNull();
		assertThat(GcMonitor.measurementSource("G1 Young Generation", "end of minor GC", "G1 Evacuation Pause", true))
			.isNull();
		assertThat(GcMonitor.measurementSource("G1 Concurrent GC", "end of concurrent GC pause", "No GC", true))
			.isNull();
	}

	@Test
	void cycleEndsCountOnlyWhereNoMarkingLogIsRead() {
		assertThat(GcMonitor.measurementSource("ZGC Cycles", "end of GC cycle", "Warmup", true))
			.isEqualTo(LiveSetMeasurement.ZGC_CYCLE);
		assertThat(GcMonitor.measurementSource("ZGC Major Cycles", "end of GC cycle", "Warmup", true))
			.isEqualTo(LiveSetMeasurement.ZGC_CYCLE);
		assertThat(GcMonitor.measurementSource("ZGC Minor Cycles", "end of GC cycle", "Allocation Rate", true))
			.isNull();
		assertThat(GcMonitor.measurementSource("Shenandoah Cycles", "end of GC cycle", "Concurrent GC", true))
			.isEqualTo(LiveSetMeasurement.SHENANDOAH_CYCLE);
		assertThat(GcMonitor.measurementSource("ZGC Cycles", "end of GC cycle", "Warmup", false)).isNull();
		assertThat(GcMonitor.measurementSource("Shenandoah Cycles", "end of GC cycle", "Concurrent GC", false))
			.isNull();
	}

}
