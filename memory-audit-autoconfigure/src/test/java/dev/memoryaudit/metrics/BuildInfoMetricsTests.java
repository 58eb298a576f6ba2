package dev.memoryaudit.metrics;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BuildInfoMetricsTests {

	@Test
	void firstSetSourceWins() {
		assertThat(BuildInfoMetrics.resolve("3.0.0", "2.0.0", "abc1234").version()).isEqualTo("3.0.0");
		assertThat(BuildInfoMetrics.resolve(null, "2.0.0", "abc1234").version()).isEqualTo("2.0.0");
		assertThat(BuildInfoMetrics.resolve(null, null, "abc1234").version()).isEqualTo("abc1234");
		assertThat(BuildInfoMetrics.resolve(null, null, null).version()).isEqualTo(BuildInfoMetrics.UNKNOWN);
	}

	@Test
	void blankBuildVersionAndCommitCountAsUnset() {
		BuildInfoMetrics metrics = BuildInfoMetrics.resolve(null, " ", "");
		assertThat(metrics.version()).isEqualTo("unknown");
		assertThat(metrics.source()).isEqualTo("none");
		assertThat(BuildInfoMetrics.resolve(null, "", "abc1234").source()).isEqualTo("git");
	}

	@Test
	void invalidVersionsAreRejectedNamingTheirSource() {
		assertThatIllegalArgumentException().isThrownBy(() -> BuildInfoMetrics.resolve("", "2.0.0", null))
			.withMessage("version from memory.audit.metrics.version must be 1 to 128 characters without control "
					+ "characters and not blank, was \"\"");
		assertThatIllegalArgumentException().isThrownBy(() -> BuildInfoMetrics.resolve(null, "2.0\n1", null))
			.withMessageStartingWith("version from build-info must be");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BuildInfoMetrics.resolve(null, null, "a".repeat(BuildInfoMetrics.MAX_LENGTH + 1)))
			.withMessageStartingWith("version from git must be");
		assertThat(BuildInfoMetrics.isValidVersion("a".repeat(BuildInfoMetrics.MAX_LENGTH))).isTrue();
		assertThat(BuildInfoMetrics.isValidVersion(null)).isFalse();
	}

	@Test
	void oneGaugeOfOneTaggedWithTheVersion() {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		new BuildInfoMetrics("1.4.0", "test").bindTo(registry);
		assertThat(registry.getMeters()).hasSize(1);
		assertThat(registry.get("memory.audit.build.info").tag("version", "1.4.0").gauge().value()).isEqualTo(1.0);
		assertThat(registry.get("memory.audit.build.info").gauge().getId().getTags()).hasSize(1);
		assertThat(registry.get("memory.audit.build.info").gauge().getId().getDescription()).isNotBlank();
	}

}
