package dev.memoryaudit.marking;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each exact live-set source, proven against a live class histogram taken straight after, on a heap with a known
 * retained set (48 MiB), on every collector, on JDK 17 and JDK 25. Each case runs {@link ExactLiveSetProbe} in a child
 * JVM. JDK 25 is found through {@code JDK25_HOME} or under {@code /usr/lib/jvm}; where it is not installed its cases
 * are skipped and say so.
 */
class ExactLiveSetSourceTests {

	private static final Pattern RESULT = Pattern
		.compile("RESULT source=(\\S+) exact=(\\d+) histogram=(\\d+) retained=(\\d+).*");

	static Stream<Arguments> cases() {
		List<Arguments> cases = new ArrayList<>();
		String[][] collectors = { { "G1", "-XX:+UseG1GC", "-XX:+ExplicitGCInvokesConcurrent", "g1-marking" },
				{ "ZGC", "-XX:+UseZGC", "", "zgc-marking" },
				{ "Shenandoah", "-XX:+UseShenandoahGC", "", "shenandoah-marking" },
				{ "Parallel", "-XX:+UseParallelGC", "", "full-collection" },
				{ "Serial", "-XX:+UseSerialGC", "", "full-collection" } };
		for (String jdk : new String[] { "17", "25" }) {
			for (String[] collector : collectors) {
				cases.add(Arguments.of(jdk, collector[0], collector[1], collector[2], collector[3]));
			}
		}
		return cases.stream();
	}

	@ParameterizedTest(name = "JDK {0}, {1}")
	@MethodSource("cases")
	void exactSourceAgreesWithLiveHistogram(String jdk, String collector, String flag, String extraFlag,
			String expectedSource) throws Exception {
		Path java = JavaHomes.java(jdk);
		Assumptions.assumeTrue(java != null, () -> "JDK " + jdk + " is not installed here: " + JavaHomes.why(jdk));
		List<String> command = new ArrayList<>(List.of(java.toString(), "-Xmx256m", flag));
		if (!extraFlag.isEmpty()) {
			command.add(extraFlag);
		}
		command.addAll(List.of("-cp", System.getProperty("java.class.path"), ExactLiveSetProbe.class.getName()));
		String output = run(command);
		Matcher result = RESULT.matcher(output.lines().filter((l) -> l.startsWith("RESULT")).findFirst().orElse(""));
		assertThat(result.matches()).as("probe output:%n%s", output).isTrue();
		long exact = Long.parseLong(result.group(2));
		long histogram = Long.parseLong(result.group(3));
		long retained = Long.parseLong(result.group(4));
		assertThat(result.group(1)).as(output).isEqualTo(expectedSource);
		assertThat(exact).as("exact live set at least the retained set%n%s", output).isGreaterThanOrEqualTo(retained);
		// ZGC and Shenandoah log whole MiB or KiB and Shenandoah a share rounded to a percent; G1 counts old and
		// humongous regions (not the few young objects a histogram also counts)
		assertThat((double) Math.abs(exact - histogram)).as("exact %d vs live histogram %d%n%s", exact, histogram, output)
			.isLessThanOrEqualTo(0.04 * histogram + 1.5 * 1024 * 1024);
		assertThat(output).as("the private log directory is removed on close").contains("CLEANED true");
		// a confirmation can ask for a concurrent cycle instead of a pause on G1 (with the flag), ZGC and Shenandoah
		if (collector.equals("Parallel") || collector.equals("Serial")) {
			assertThat(output).contains("EXPLICIT System.gc() is a full stop-the-world collection");
		}
		else {
			assertThat(output).contains("EXPLICIT null");
		}
	}

	private static String run(List<String> command) throws IOException, InterruptedException {
		Path out = Files.createTempFile("exact-probe", ".out");
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
			if (!process.waitFor(90, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				return "timed out: " + Files.readString(out, StandardCharsets.UTF_8);
			}
			return Files.readString(out, StandardCharsets.UTF_8);
		}
		finally {
			Files.deleteIfExists(out);
		}
	}

}
