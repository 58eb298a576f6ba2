package dev.memoryaudit.audit.classes;

import java.lang.management.ManagementFactory;

import javax.management.ObjectName;

/**
 * Runs the class-loader diagnostic commands; a seam for tests.
 */
public interface ClassLoaderCommands {

	/**
	 * The output of {@code VM.classloader_stats}: one line per loader with its classes, metaspace and type.
	 * @return the output
	 * @throws Exception when the command cannot run
	 */
	String classLoaderStats() throws Exception;

	/**
	 * The output of {@code VM.classloaders show-classes}: the loader tree with the classes of each loader.
	 * @return the output
	 * @throws Exception when the command cannot run
	 */
	String classLoaderTree() throws Exception;

	/**
	 * The commands of this JVM, through the HotSpot {@code DiagnosticCommand} MBean.
	 * @return the commands
	 */
	static ClassLoaderCommands diagnosticCommand() {
		return new ClassLoaderCommands() {

			@Override
			public String classLoaderStats() throws Exception {
				return invoke("vmClassloaderStats");
			}

			@Override
			public String classLoaderTree() throws Exception {
				return invoke("vmClassloaders", "show-classes=true");
			}

			private String invoke(String operation, String... arguments) throws Exception {
				Object result = ManagementFactory.getPlatformMBeanServer()
					.invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"), operation,
							new Object[] { arguments }, new String[] { String[].class.getName() });
				return String.valueOf(result);
			}

		};
	}

}
