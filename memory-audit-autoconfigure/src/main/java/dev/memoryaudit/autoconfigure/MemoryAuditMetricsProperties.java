package dev.memoryaudit.autoconfigure;

import dev.memoryaudit.metrics.BuildInfoMetrics;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the meters that fleet queries need, under {@code memory.audit.metrics}.
 */
@ConfigurationProperties("memory.audit.metrics")
public class MemoryAuditMetricsProperties {

	/**
	 * Version of the application, the version tag of memory.audit.build.info that fleet queries join on (1 to 128
	 * characters, no control characters). Unset: the version of Boot's build info (META-INF/build-info.properties),
	 * else the abbreviated commit id of git.properties, else "unknown".
	 */
	private @Nullable String version;

	public @Nullable String getVersion() {
		return this.version;
	}

	public void setVersion(@Nullable String version) {
		PropertyChecks.require("memory.audit.metrics.version",
				version == null || BuildInfoMetrics.isValidVersion(version),
				"1 to " + BuildInfoMetrics.MAX_LENGTH + " characters without control characters and not blank",
				(version != null) ? "\"" + version + "\"" : null);
		this.version = version;
	}

}
