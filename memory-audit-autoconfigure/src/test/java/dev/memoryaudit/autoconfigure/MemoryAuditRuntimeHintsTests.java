package dev.memoryaudit.autoconfigure;

import dev.memoryaudit.container.ContainerAssessment;
import dev.memoryaudit.histogram.ClassDelta;
import dev.memoryaudit.trend.LiveSetEvidence;
import dev.memoryaudit.trend.SeriesAssessment;
import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.context.annotation.ImportRuntimeHints;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reflection hints an AOT-processed application needs for the endpoints' JSON: the report types and what their
 * properties reach (the endpoints declare {@code Object}, so Boot cannot infer them), imported by the engine's
 * auto-configuration.
 */
class MemoryAuditRuntimeHintsTests {

	@Test
	void reportTypesAndWhatTheyReachAreRegisteredForBinding() {
		RuntimeHints hints = new RuntimeHints();
		new MemoryAuditRuntimeHints().registerHints(hints, getClass().getClassLoader());
		for (Class<?> type : MemoryAuditRuntimeHints.REPORT_TYPES) {
			assertThat(RuntimeHintsPredicates.reflection().onType(type)).as(type.getName()).accepts(hints);
		}
		// reached through TrendReport's and HeapDiffReport's properties
		for (Class<?> reached : new Class<?>[] { SeriesAssessment.class, LiveSetEvidence.class, ClassDelta.class }) {
			assertThat(RuntimeHintsPredicates.reflection().onType(reached)).as(reached.getName()).accepts(hints);
		}
		assertThat(RuntimeHintsPredicates.reflection().onType(ContainerAssessment.class)).as("sections are maps")
			.rejects(hints);
	}

	@Test
	void theEngineAutoConfigurationImportsThem() {
		ImportRuntimeHints imported = MemoryAuditAutoConfiguration.class.getAnnotation(ImportRuntimeHints.class);
		assertThat(imported).isNotNull();
		assertThat(imported.value()).containsExactly(MemoryAuditRuntimeHints.class);
	}

}
