package dev.memoryaudit.snapshot;

/**
 * Used, committed and maximum bytes of a memory area; {@code max} is {@code -1} when undefined.
 *
 * @param used bytes in use
 * @param committed bytes committed by the JVM
 * @param max maximum bytes, or {@code -1} when undefined
 */
public record MemoryFigures(long used, long committed, long max) {

	public static MemoryFigures of(java.lang.management.MemoryUsage usage) {
		return new MemoryFigures(usage.getUsed(), usage.getCommitted(), usage.getMax());
	}

	public boolean hasMax() {
		return this.max > 0;
	}

}
