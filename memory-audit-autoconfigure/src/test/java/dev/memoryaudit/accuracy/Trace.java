package dev.memoryaudit.accuracy;

import java.util.List;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * A memory trace with its ground truth.
 *
 * @param name unique name, e.g. {@code leak-1.0pct-g1-frequent-s2}
 * @param scenario the scenario family, e.g. {@code leak} or {@code cache-fill}
 * @param regime the GC regime the trace models or was recorded on, e.g. {@code g1-frequent}, {@code parallel}
 * @param leak whether the trace leaks
 * @param leakStartTick index of the first row after the leak started, {@code -1} without a leak
 * @param leakRatePerHour leak rate as a fraction of heap max per hour, {@code 0} without a leak
 * @param rows the ticks, oldest first
 * @param simulation the model that generated a synthetic trace, to replay it with forced full collections;
 * {@code null} for recorded traces
 */
public record Trace(String name, String scenario, String regime, boolean leak, int leakStartTick,
		double leakRatePerHour, List<TraceRow> rows, @Nullable Supplier<TraceGenerator.SyntheticJvm> simulation) {

	public Trace {
		rows = List.copyOf(rows);
	}

	/**
	 * A trace without a model behind it (recorded, or read from a file).
	 * @param name unique name
	 * @param scenario the scenario family
	 * @param regime the GC regime
	 * @param leak whether the trace leaks
	 * @param leakStartTick index of the first row after the leak started, {@code -1} without a leak
	 * @param leakRatePerHour leak rate as a fraction of heap max per hour
	 * @param rows the ticks, oldest first
	 */
	public Trace(String name, String scenario, String regime, boolean leak, int leakStartTick, double leakRatePerHour,
			List<TraceRow> rows) {
		this(name, scenario, regime, leak, leakStartTick, leakRatePerHour, rows, null);
	}

}
