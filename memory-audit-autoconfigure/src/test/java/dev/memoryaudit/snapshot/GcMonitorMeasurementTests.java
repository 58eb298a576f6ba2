package dev.memoryaudit.snapshot;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GcMonitorMeasurementTests {

	@Test
	void fullCollectionsMeasureTheLiveSetButNotTheOnesAHeapInspectionCaused() {
		assertThat(GcMonitor.measurementSource("PS MarkSweep", "end of major GC", "System.gc()"))
			.isEqualTo(LiveSetMeasurement.FULL_COLLECTION);
		assertThat(GcMonitor.measurementSource("MarkSweepCompact", "end of major GC", "Allocation Failure"))
			.isEqualTo(LiveSetMeasurement.FULL_COLLECTION);
		assertThat(GcMonitor.measurementSource("G1 Old Generation", "end of major GC", "Heap Inspection Initiated GC"))
			.isNull();
		assertThat(GcMonitor.measurementSource("G1 Young Generation", "end of minor GC", "G1 Evacuation Pause"))
			.isNull();
		assertThat(GcMonitor.measurementSource("G1 Concurrent GC", "end of concurrent GC pause", "No GC"))
			.isNull();
	}

	@Test
	void cycleEndsOfConcurrentCollectorsAreNotExact() {
		// what a ZGC or Shenandoah cycle leaves behind still holds garbage: their marking logs give the exact points
		assertThat(GcMonitor.measurementSource("ZGC Cycles", "end of GC cycle", "Warmup")).isNull();
		assertThat(GcMonitor.measurementSource("ZGC Major Cycles", "end of GC cycle", "Warmup")).isNull();
		assertThat(GcMonitor.measurementSource("Shenandoah Cycles", "end of GC cycle", "Concurrent GC")).isNull();
	}

}
