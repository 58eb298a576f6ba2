package dev.memoryaudit.histogram;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

import javax.management.Descriptor;
import javax.management.JMException;
import javax.management.MBeanException;
import javax.management.MBeanOperationInfo;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import javax.management.RuntimeMBeanException;

import org.jspecify.annotations.Nullable;

/**
 * A {@link HistogramSource} that invokes {@code gcClassHistogram} on the HotSpot DiagnosticCommand MBean
 * ({@code com.sun.management:type=DiagnosticCommand}), the in-process equivalent of
 * {@code jcmd <pid> GC.class_histogram}.
 * <p>
 * Arguments: {@code -all} unless a live histogram is asked for, and {@code -parallel=N} only when the JVM supports
 * it. Support is read once from the operation's descriptor ({@code dcmd.arguments} lists {@code -parallel} on
 * JDK 17 and 25 alike); if the descriptor cannot be read the option is tried, and when the JVM rejects it
 * ("Unknown argument '-parallel' in diagnostic command.", as JDKs before 16 do) the histogram is run again without it
 * and the option is not used again.
 */
public final class DiagnosticCommandHistogramSource implements HistogramSource {

	static final String OBJECT_NAME = "com.sun.management:type=DiagnosticCommand";

	private static final String OPERATION = "gcClassHistogram";

	private static final String[] SIGNATURE = { String[].class.getName() };

	private final @Nullable MBeanServer server;

	private final ObjectName name;

	private volatile @Nullable Boolean parallelSupported;

	/**
	 * Creates a source that uses the platform MBean server, looked up on first use.
	 */
	public DiagnosticCommandHistogramSource() {
		this(null, objectName(OBJECT_NAME));
	}

	/**
	 * Creates a source that uses the given MBean server.
	 * @param server the MBean server holding the DiagnosticCommand MBean
	 */
	public DiagnosticCommandHistogramSource(MBeanServer server) {
		this(server, objectName(OBJECT_NAME));
	}

	DiagnosticCommandHistogramSource(@Nullable MBeanServer server, ObjectName name) {
		this.server = server;
		this.name = name;
	}

	@Override
	public String run(boolean live, int parallelThreads) throws Exception {
		MBeanServer server = (this.server != null) ? this.server : ManagementFactory.getPlatformMBeanServer();
		if (!server.isRegistered(this.name)) {
			throw new HistogramUnavailableException("DiagnosticCommand MBean not present on this JVM (" + this.name
					+ " is not registered; " + System.getProperty("java.vm.name") + " "
					+ System.getProperty("java.vm.version") + ")");
		}
		boolean parallel = parallelThreads > 0 && supportsParallel(server);
		try {
			return invoke(server, arguments(live, parallel ? parallelThreads : 0));
		}
		catch (RuntimeMBeanException | MBeanException ex) {
			if (parallel && rejectsParallel(ex)) {
				this.parallelSupported = false;
				return invoke(server, arguments(live, 0));
			}
			throw ex;
		}
	}

	/**
	 * Returns whether {@code -parallel} is passed to the JVM, as far as known.
	 * @return {@code true} or {@code false} once detected, {@code null} before the first histogram
	 */
	public @Nullable Boolean parallelSupported() {
		return this.parallelSupported;
	}

	static String[] arguments(boolean live, int parallelThreads) {
		List<String> arguments = new ArrayList<>(2);
		if (!live) {
			arguments.add("-all");
		}
		if (parallelThreads > 0) {
			arguments.add("-parallel=" + parallelThreads);
		}
		return arguments.toArray(String[]::new);
	}

	private String invoke(MBeanServer server, String[] arguments) throws JMException {
		Object result = server.invoke(this.name, OPERATION, new Object[] { arguments }, SIGNATURE);
		if (!(result instanceof String text)) {
			throw new IllegalStateException(OPERATION + " returned "
					+ ((result != null) ? result.getClass().getName() : "null") + " instead of a String");
		}
		return text;
	}

	private boolean supportsParallel(MBeanServer server) {
		Boolean supported = this.parallelSupported;
		if (supported == null) {
			supported = detectParallel(server);
			this.parallelSupported = supported;
		}
		return supported;
	}

	private boolean detectParallel(MBeanServer server) {
		try {
			for (MBeanOperationInfo operation : server.getMBeanInfo(this.name).getOperations()) {
				if (OPERATION.equals(operation.getName())) {
					Object arguments = operation.getDescriptor().getFieldValue("dcmd.arguments");
					if (arguments instanceof Descriptor descriptor) {
						return descriptor.getFieldValue("-parallel") != null;
					}
				}
			}
		}
		catch (JMException | RuntimeException ex) {
			// Fall through: try the option and fall back if the JVM rejects it
		}
		return true;
	}

	private static boolean rejectsParallel(Exception ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof IllegalArgumentException && cause.getMessage() != null
					&& cause.getMessage().contains("-parallel")) {
				return true;
			}
		}
		return false;
	}

	private static ObjectName objectName(String name) {
		try {
			return new ObjectName(name);
		}
		catch (MalformedObjectNameException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
