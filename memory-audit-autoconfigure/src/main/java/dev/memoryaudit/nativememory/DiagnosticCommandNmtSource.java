package dev.memoryaudit.nativememory;

import java.lang.management.ManagementFactory;

import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Runs {@code VM.native_memory summary} in process through the {@code vmNativeMemory} operation of the HotSpot
 * {@code DiagnosticCommand} MBean.
 */
public final class DiagnosticCommandNmtSource implements NmtSource {

	private static final String MBEAN = "com.sun.management:type=DiagnosticCommand";

	@Override
	public String summary() throws Exception {
		MBeanServer server = ManagementFactory.getPlatformMBeanServer();
		Object result = server.invoke(new ObjectName(MBEAN), "vmNativeMemory",
				new Object[] { new String[] { "summary" } }, new String[] { String[].class.getName() });
		return String.valueOf(result);
	}

}
