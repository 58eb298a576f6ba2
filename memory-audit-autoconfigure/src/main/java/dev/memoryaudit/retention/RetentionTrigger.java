package dev.memoryaudit.retention;

import dev.memoryaudit.engine.MemoryAuditEngine;

/**
 * Connects the retention monitor to the engine's ticks, so a trend turning to growth triggers a dump.
 */
public final class RetentionTrigger {

	private final MemoryAuditEngine engine;

	private final RetentionMonitor monitor;

	public RetentionTrigger(MemoryAuditEngine engine, RetentionMonitor monitor) {
		this.engine = engine;
		this.monitor = monitor;
	}

	/**
	 * Registers the monitor as a tick listener.
	 */
	public void register() {
		this.engine.addTickListener(this.monitor::onTick);
	}

}
