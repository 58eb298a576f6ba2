package dev.memoryaudit.marking;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * Finds installed JDKs for tests that run child JVMs: JDK 17 is the one running the build (or {@code JDK17_HOME}),
 * JDK 25 comes from {@code JDK25_HOME} or a directory under {@code /usr/lib/jvm} whose name says 25.
 */
public final class JavaHomes {

	private JavaHomes() {
	}

	/**
	 * The java launcher of the given feature release.
	 * @param feature {@code 17} or {@code 25}
	 * @return the launcher, or {@code null} when not installed
	 */
	public static @Nullable Path java(String feature) {
		String env = System.getenv("JDK" + feature + "_HOME");
		if (env != null && !env.isBlank()) {
			Path java = Path.of(env, "bin", "java");
			return Files.isExecutable(java) ? java : null;
		}
		if (String.valueOf(Runtime.version().feature()).equals(feature)) {
			return Path.of(System.getProperty("java.home"), "bin", "java");
		}
		Path jvms = Path.of("/usr/lib/jvm");
		if (!Files.isDirectory(jvms)) {
			return null;
		}
		try (Stream<Path> homes = Files.list(jvms)) {
			return homes.filter((home) -> home.getFileName().toString().matches(".*(-|jdk)" + feature + "([.-].*)?"))
				.map((home) -> home.resolve("bin").resolve("java"))
				.filter(Files::isExecutable)
				.sorted()
				.findFirst()
				.orElse(null);
		}
		catch (IOException ex) {
			return null;
		}
	}

	/**
	 * Why {@link #java(String)} found nothing.
	 * @param feature the feature release
	 * @return the explanation
	 */
	public static String why(String feature) {
		return "no JDK" + feature + "_HOME and no /usr/lib/jvm/*" + feature + "* with bin/java";
	}

}
