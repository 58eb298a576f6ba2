package dev.memoryaudit.actuate;

import dev.memoryaudit.health.MemoryResources;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * The {@code memory} health indicator: details carry a {@code resources} object; the status is down while a
 * user-settable threshold (descriptor usage, live set against heap max, container working set against its limit) is
 * crossed, and {@value #WARNING} while one is close (the container reaching its limit within the warning time). Spring
 * Boot's default status order does not contain {@value #WARNING}, so it does not change the aggregate status (nor a
 * Kubernetes probe) until it is added: {@code management.endpoint.health.status.order=DOWN,OUT_OF_SERVICE,WARNING,UP,UNKNOWN}.
 */
public final class MemoryHealthIndicator extends AbstractHealthIndicator {

	/** The status code while a resource is close to its limit. */
	public static final String WARNING = "WARNING";

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
		else if (!assessment.warnings().isEmpty()) {
			builder.status(WARNING);
		}
		else {
			builder.up();
		}
		if (!assessment.warnings().isEmpty()) {
			builder.withDetail("warnings", assessment.warnings());
		}
		builder.withDetail("resources", assessment.resources());
	}

}
