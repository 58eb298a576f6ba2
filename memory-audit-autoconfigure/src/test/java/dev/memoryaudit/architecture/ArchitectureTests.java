package dev.memoryaudit.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The package rules of the architecture, checked on the compiled classes in the build: no package cycles among the
 * starter's packages, and the core (every package but the Spring wiring: {@code autoconfigure}, {@code actuate},
 * {@code audit.spring}) never imports Spring. Each rule is also shown failing once, on a fixture made to break it.
 */
class ArchitectureTests {

	/** The Spring wiring: auto-configuration and properties, endpoints and the health indicator, bean inspectors. */
	static final String[] WIRING = { "dev.memoryaudit.autoconfigure..", "dev.memoryaudit.actuate..",
			"dev.memoryaudit.audit.spring.." };

	private static final JavaClasses STARTER = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("dev.memoryaudit");

	private static final JavaClasses FIXTURE = new ClassFileImporter()
		.importPackages("dev.memoryaudit.architecture.fixture");

	static ArchRule noPackageCycles(String root) {
		return slices().matching(root + ".(**)").should().beFreeOfCycles();
	}

	static ArchRule coreWithoutSpring(String root) {
		return noClasses().that()
			.resideInAPackage(root + "..")
			.and()
			.resideOutsideOfPackages(WIRING)
			.should()
			.dependOnClassesThat()
			.resideInAPackage("org.springframework..")
			.because("the core is Spring-free: wiring packages hold the Spring code and no logic");
	}

	@Test
	void noPackageCycles() {
		noPackageCycles("dev.memoryaudit").check(STARTER);
	}

	@Test
	void theCoreDoesNotImportSpring() {
		coreWithoutSpring("dev.memoryaudit").check(STARTER);
	}

	@Test
	void theRulesCatchACycleAndASpringImport() {
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> noPackageCycles("dev.memoryaudit.architecture.fixture").check(FIXTURE))
			.withMessageContaining("Cycle detected");
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> coreWithoutSpring("dev.memoryaudit.architecture.fixture").check(FIXTURE))
			.withMessageContaining("org.springframework.core.env.Environment");
	}

}
