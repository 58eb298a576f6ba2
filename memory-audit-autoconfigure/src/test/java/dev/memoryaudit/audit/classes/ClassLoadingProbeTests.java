package dev.memoryaudit.audit.classes;

import java.lang.management.ManagementFactory;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.memoryaudit.audit.AuditHarness;
import dev.memoryaudit.audit.ProbeRow;
import dev.memoryaudit.trend.Verdict;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the real class-loader diagnostic commands of this JVM over loaders and proxies the test creates, and the probe
 * through a real auditor.
 */
class ClassLoadingProbeTests {

	private final List<Object> kept = new ArrayList<>();

	@Test
	void statisticsNameTheLoaderTypeAndTheTreeTheGeneratedClassPattern() throws Exception {
		ClassLoaderCommands commands = ClassLoaderCommands.diagnosticCommand();
		Map<String, ClassLoaderStats.TypeFigures> before = ClassLoaderStats.parse(commands.classLoaderStats());
		generate(40);
		Map<String, ClassLoaderStats.TypeFigures> after = ClassLoaderStats.parse(commands.classLoaderStats());
		String type = FreshLoader.class.getName();
		assertThat(after.get(type).loaders()).isGreaterThanOrEqualTo(40);
		assertThat(after.get(type).classes()).isGreaterThanOrEqualTo(40);
		assertThat(after).containsKey("<boot class loader>");
		List<ClassLoaderStats.TypeGrowth> growth = ClassLoaderStats.growth(before, after);
		assertThat(growth.get(0).type()).isEqualTo(type);
		assertThat(growth.get(0).loaders()).isGreaterThanOrEqualTo(40);
		Map<String, Long> patterns = ClassNamePatterns.count(commands.classLoaderTree(), type);
		assertThat(patterns.keySet().iterator().next()).isEqualTo("jdk.proxy*.$Proxy*");
		assertThat(patterns.get("jdk.proxy*.$Proxy*")).isGreaterThanOrEqualTo(40);
	}

	@Test
	void generatedNamesFoldIntoPatterns() {
		assertThat(ClassNamePatterns.fold("jdk.proxy3.$Proxy12")).isEqualTo("jdk.proxy*.$Proxy*");
		assertThat(ClassNamePatterns.fold("com.example.Foo$$Lambda/0x00007f2e88000a08"))
			.isEqualTo("com.example.Foo$$Lambda*");
		assertThat(ClassNamePatterns.fold("com.example.Foo$$Lambda$123/0x0000000800c0b8c8"))
			.isEqualTo("com.example.Foo$$Lambda*");
		assertThat(ClassNamePatterns.fold("com.example.Service$$SpringCGLIB$$0")).isEqualTo("com.example.Service$$SpringCGLIB$$*");
		assertThat(ClassNamePatterns.loaderType("\"app\", jdk.internal.loader.ClassLoaders$AppClassLoader"))
			.isEqualTo("jdk.internal.loader.ClassLoaders$AppClassLoader");
		assertThat(ClassNamePatterns.loaderType("com.example.Loader (+ 3 more)")).isEqualTo("com.example.Loader");
	}

	@Test
	void aLoaderLeakIsReportedWithTheLoaderTypeAndThePattern() {
		ClassLoadingProbe probe = new ClassLoadingProbe(new ClassLoadingProbe.Settings(100, 64L << 20, 1));
		AuditHarness harness = new AuditHarness(100, List.of(), List.of(probe));
		ProbeRow row = null;
		for (int tick = 0; tick < 12 && (row == null || row.findings().isEmpty()
				|| !row.findings().get(0).message().contains("$Proxy*")); tick++) {
			generate(tick < 2 ? 0 : 60);
			harness.tick();
			row = row(harness);
		}
		assertThat(row.findings()).as(row.summary()).hasSize(1);
		assertThat(row.findings().get(0).structure()).isEqualTo(FreshLoader.class.getName());
		assertThat(row.findings().get(0).message()).contains("loader type " + FreshLoader.class.getName())
			.contains("jdk.proxy*.$Proxy*");
		assertThat(row.verdict().isGrowth()).isTrue();
		assertThat(row.measures()).anyMatch((m) -> m.tags().containsValue(FreshLoader.class.getName()));
	}

	@Test
	void withoutTheCommandsTheTrendsStillRunAndTheRowSaysWhy() {
		ClassLoaderCommands broken = new ClassLoaderCommands() {

			@Override
			public String classLoaderStats() throws Exception {
				throw new javax.management.InstanceNotFoundException("com.sun.management:type=DiagnosticCommand");
			}

			@Override
			public String classLoaderTree() throws Exception {
				throw new AssertionError("not reached");
			}

		};
		ClassLoadingProbe probe = new ClassLoadingProbe(ManagementFactory.getClassLoadingMXBean(),
				ManagementFactory::getMemoryPoolMXBeans, broken, new ClassLoadingProbe.Settings(100, 64L << 20, 1));
		AuditHarness harness = new AuditHarness(100, List.of(), List.of(probe));
		for (int tick = 0; tick < 6; tick++) {
			harness.tick();
		}
		ProbeRow row = row(harness);
		assertThat(row.unavailable()).isNull();
		assertThat(row.notes()).singleElement()
			.asString()
			.contains("unavailable: VM.classloader_stats cannot run on this JVM (InstanceNotFoundException");
		assertThat(row.trends()).extracting((t) -> t.series()).contains(ClassLoadingProbe.LOADED);
		assertThat(row.trends().get(0).verdict()).isNotEqualTo(Verdict.INSUFFICIENT_DATA);
	}

	@Test
	void parsesHiddenClassLinesIntoTheirLoader() {
		String output = """
				ClassLoader         Parent              CLD*               Classes   ChunkSz   BlockSz  Type
				0x0000000000000000  0x0000000000000000  0x00007f2f080da870    1486    573440    375145  <boot class loader>
				                                                                30     11648      7355   + hidden classes
				0x00007f2e88000a08  0x00007f2e8707af08  0x00007f2f08185370       1       768       556  a.B$Gen
				0x00007f2e88000a09  0x00007f2e8707af08  0x00007f2f08185371       2       768       556  a.B$Gen
				Total = 3                                                     1519    586624    383612
				""";
		Map<String, ClassLoaderStats.TypeFigures> stats = ClassLoaderStats.parse(output);
		assertThat(stats.get("<boot class loader>").classes()).isEqualTo(1516);
		assertThat(stats.get("a.B$Gen").loaders()).isEqualTo(2);
		assertThat(stats.get("a.B$Gen").classes()).isEqualTo(3);
		assertThat(stats).hasSize(2);
	}

	private static ProbeRow row(AuditHarness harness) {
		return harness.auditor.latest().probes().get(0);
	}

	private void generate(int loaders) {
		for (int i = 0; i < loaders; i++) {
			FreshLoader loader = new FreshLoader(getClass().getClassLoader());
			this.kept.add(Proxy.newProxyInstance(loader, new Class<?>[] { Runnable.class }, (p, m, a) -> null));
		}
	}

	/**
	 * A class loader created per "request".
	 */
	static final class FreshLoader extends ClassLoader {

		FreshLoader(ClassLoader parent) {
			super(parent);
		}

	}

}
