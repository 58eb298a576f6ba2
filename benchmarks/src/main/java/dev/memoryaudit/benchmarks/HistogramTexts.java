package dev.memoryaudit.benchmarks;

import java.util.Locale;
import java.util.Random;

/**
 * Generates {@code GC.class_histogram} text in the JDK 17 format with a given number of classes.
 */
final class HistogramTexts {

	private HistogramTexts() {
	}

	/**
	 * A histogram of {@code classes} classes; {@code growth} scales the instances of every tenth class.
	 * @param classes number of classes
	 * @param seed the seed
	 * @param growth factor applied to every tenth class, 1 for none
	 * @return the text
	 */
	static String generate(int classes, long seed, double growth) {
		Random random = new Random(seed);
		StringBuilder out = new StringBuilder(classes * 90);
		out.append(" num     #instances         #bytes  class name (module)\n");
		out.append("-------------------------------------------------------\n");
		long totalInstances = 0;
		long totalBytes = 0;
		for (int i = 1; i <= classes; i++) {
			long instances = Math.max(1, (long) (2_000_000.0 / i * (0.5 + random.nextDouble())));
			if (i % 10 == 0) {
				instances = (long) (instances * growth);
			}
			long bytes = instances * (16 + 8L * random.nextInt(8));
			totalInstances += instances;
			totalBytes += bytes;
			String name = (i % 3 == 0) ? "com.example.domain.pkg" + (i % 97) + ".Entity" + i + " (app)"
					: (i % 3 == 1) ? "java.util.concurrent.Thing" + i + " (java.base@17.0.15)"
							: "org.springframework.some.pkg" + (i % 13) + ".Component$Inner" + i;
			out.append(String.format(Locale.ROOT, "%4d: %13d %14d  %s%n", i, instances, bytes, name));
		}
		out.append(String.format(Locale.ROOT, "Total %13d %14d%n", totalInstances, totalBytes));
		return out.toString();
	}

}
