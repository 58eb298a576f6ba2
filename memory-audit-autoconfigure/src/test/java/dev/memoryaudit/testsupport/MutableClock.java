package dev.memoryaudit.testsupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A UTC clock that tests move forward by hand.
 */
public final class MutableClock extends Clock {

	private Instant now;

	/**
	 * Creates a clock that starts at 2026-01-01T00:00:00Z.
	 */
	public MutableClock() {
		this(Instant.parse("2026-01-01T00:00:00Z"));
	}

	/**
	 * Creates a clock that starts at the given instant.
	 * @param start the first instant
	 */
	public MutableClock(Instant start) {
		this.now = start;
	}

	/**
	 * Moves the clock forward.
	 * @param duration how far
	 */
	public void advance(Duration duration) {
		this.now = this.now.plus(duration);
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return this;
	}

	@Override
	public Instant instant() {
		return this.now;
	}

}
