package dev.memoryaudit.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

/**
 * {@code memory.audit.build.info} ({@code memory_audit_build_info} in Prometheus): one gauge, always 1, whose
 * {@code version} tag names the application's version. Fleet queries join it onto the other meters by job and
 * instance ({@code * on (job, instance) group_left (version) memory_audit_build_info}) instead of every meter
 * carrying a version tag: one extra series per instance, and a new version replaces the instance's series rather than
 * adding one to each meter.
 * <p>
 * The version is, in this order: the configured value ({@code memory.audit.metrics.version}), the version of the
 * build info ({@code META-INF/build-info.properties}), the abbreviated commit id of {@code git.properties}, else
 * {@value #UNKNOWN}. Whatever its source, it must be 1 to {@value #MAX_LENGTH} characters without control characters
 * (a bounded, printable tag value).
 */
public final class BuildInfoMetrics implements MeterBinder {

	/**
	 * The version when no source names one.
	 */
	public static final String UNKNOWN = "unknown";

	/**
	 * Longest version accepted, in characters.
	 */
	public static final int MAX_LENGTH = 128;

	private final String version;

	private final String source;

	/**
	 * Creates the binder.
	 * @param version the version, 1 to {@value #MAX_LENGTH} characters without control characters
	 * @param source where the version comes from, for people ({@code memory.audit.metrics.version},
	 * {@code build-info}, {@code git}, {@code none})
	 * @throws IllegalArgumentException when the version is blank, too long or contains control characters
	 */
	public BuildInfoMetrics(String version, String source) {
		if (!isValidVersion(version)) {
			throw new IllegalArgumentException("version from " + source + " must be 1 to " + MAX_LENGTH
					+ " characters without control characters and not blank, was " + quoted(version));
		}
		this.version = version;
		this.source = source;
	}

	/**
	 * The binder for the first version that is set: the configured one, the build info's, the git commit's, else
	 * {@value #UNKNOWN}. A blank build-info version or commit id counts as not set.
	 * @param configured {@code memory.audit.metrics.version}, or {@code null}
	 * @param buildVersion the version of the build info, or {@code null} without build info
	 * @param gitCommit the abbreviated commit id of {@code git.properties}, or {@code null} without it
	 * @return the binder
	 * @throws IllegalArgumentException when the chosen version is invalid (see {@link #isValidVersion(String)})
	 */
	public static BuildInfoMetrics resolve(@Nullable String configured, @Nullable String buildVersion,
			@Nullable String gitCommit) {
		if (configured != null) {
			return new BuildInfoMetrics(configured, "memory.audit.metrics.version");
		}
		if (buildVersion != null && !buildVersion.isBlank()) {
			return new BuildInfoMetrics(buildVersion, "build-info");
		}
		if (gitCommit != null && !gitCommit.isBlank()) {
			return new BuildInfoMetrics(gitCommit, "git");
		}
		return new BuildInfoMetrics(UNKNOWN, "none");
	}

	/**
	 * Whether a version can be a tag value: 1 to {@value #MAX_LENGTH} characters, not blank, no control characters.
	 * @param version the version
	 * @return whether it is valid
	 */
	public static boolean isValidVersion(@Nullable String version) {
		return version != null && !version.isBlank() && version.length() <= MAX_LENGTH
				&& version.chars().noneMatch(Character::isISOControl);
	}

	/**
	 * The version the gauge's tag carries.
	 * @return the version
	 */
	public String version() {
		return this.version;
	}

	/**
	 * Where the version comes from: {@code memory.audit.metrics.version}, {@code build-info}, {@code git} or
	 * {@code none}.
	 * @return the source
	 */
	public String source() {
		return this.source;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder("memory.audit.build.info", () -> 1)
			.tag("version", this.version)
			.description("Always 1; the version tag names the application's version, for fleet queries to join on "
					+ "job and instance")
			.register(registry);
	}

	private static String quoted(@Nullable String value) {
		return (value != null) ? "\"" + value + "\"" : "null";
	}

}
