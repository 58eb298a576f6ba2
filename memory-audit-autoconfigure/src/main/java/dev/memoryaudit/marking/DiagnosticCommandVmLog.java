package dev.memoryaudit.marking;

import java.lang.management.ManagementFactory;

import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * {@link VmLog} through the HotSpot DiagnosticCommand MBean's {@code vmLog} operation.
 */
final class DiagnosticCommandVmLog implements VmLog {

	private static final String[] SIGNATURE = { String[].class.getName() };

	@Override
	public String run(String... arguments) throws Exception {
		MBeanServer server = ManagementFactory.getPlatformMBeanServer();
		ObjectName name = new ObjectName("com.sun.management:type=DiagnosticCommand");
		if (!server.isRegistered(name)) {
			throw new IllegalStateException("the DiagnosticCommand MBean is not registered on this JVM ("
					+ System.getProperty("java.vm.name") + ")");
		}
		Object result = server.invoke(name, "vmLog", new Object[] { arguments }, SIGNATURE);
		return (result != null) ? result.toString().trim() : "";
	}

}
