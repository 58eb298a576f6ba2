package dev.memoryaudit.health;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * The {@code memory} health indicator: details carry a {@code resources} object; the status is down only while a
 * user-settable threshold (descriptor usage, live set against heap max) is crossed.
 */
public final class MemoryHealthIndicator extends AbstractHealthIndicator {

	private final MemoryResources resources;

	/**
	 * Creates the indicator.
	 * @param resources the resource summary
	 */
	public MemoryHealthIndicator(MemoryResources resources) {
		super("Memory health check failed");
		this.resources = resources;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		MemoryResources.Assessment assessment = this.resources.assess();
		if (assessment.down()) {
			builder.down().withDetail("crossed", assessment.crossed());
		}
		else {
			builder.up();
		}
		builder.withDetail("resources", assessment.resources());
	}

}
