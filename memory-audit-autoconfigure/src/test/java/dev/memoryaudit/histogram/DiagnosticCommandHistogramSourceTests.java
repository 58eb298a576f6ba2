package dev.memoryaudit.histogram;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.DynamicMBean;
import javax.management.ImmutableDescriptor;
import javax.management.MBeanInfo;
import javax.management.MBeanOperationInfo;
import javax.management.MBeanParameterInfo;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class DiagnosticCommandHistogramSourceTests {

	private static final ObjectName NAME = name("test:type=DiagnosticCommand");

	@Test
	void argumentsUseAllUnlessLiveAndParallelOnlyWhenPositive() {
		assertThat(DiagnosticCommandHistogramSource.arguments(false, 2)).containsExactly("-all", "-parallel=2");
		assertThat(DiagnosticCommandHistogramSource.arguments(true, 2)).containsExactly("-parallel=2");
		assertThat(DiagnosticCommandHistogramSource.arguments(true, 0)).isEmpty();
	}

	@Test
	void detectsParallelSupportOnThisJvmFromTheOperationDescriptor() throws Exception {
		DiagnosticCommandHistogramSource source = new DiagnosticCommandHistogramSource(
				ManagementFactory.getPlatformMBeanServer());
		String text = source.run(false, 2);
		assertThat(text).contains("Total");
		assertThat(source.parallelSupported()).isTrue();
	}

	@Test
	void neverPassesParallelWhenTheDescriptorDoesNotListIt() throws Exception {
		FakeDiagnosticCommand command = new FakeDiagnosticCommand(false, true);
		DiagnosticCommandHistogramSource source = register(command);
		source.run(false, 2);
		source.run(true, 2);
		assertThat(command.calls).containsExactly("[-all]", "[]");
		assertThat(source.parallelSupported()).isFalse();
	}

	@Test
	void retriesWithoutParallelWhenTheJvmRejectsIt() throws Exception {
		FakeDiagnosticCommand command = new FakeDiagnosticCommand(null, false);
		DiagnosticCommandHistogramSource source = register(command);
		assertThat(source.run(false, 2)).contains("Total");
		source.run(false, 2);
		assertThat(command.calls).containsExactly("[-all, -parallel=2]", "[-all]", "[-all]");
		assertThat(source.parallelSupported()).isFalse();
	}

	@Test
	void throwsUnavailableWhenTheMBeanIsNotRegistered() {
		MBeanServer server = MBeanServerFactory.newMBeanServer();
		DiagnosticCommandHistogramSource source = new DiagnosticCommandHistogramSource(server, NAME);
		assertThatExceptionOfType(HistogramUnavailableException.class).isThrownBy(() -> source.run(false, 1))
			.withMessageStartingWith("DiagnosticCommand MBean not present on this JVM (");
	}

	@Test
	void capturerReportsMissingMBeanAsUnavailable() {
		DiagnosticCommandHistogramSource source = new DiagnosticCommandHistogramSource(
				MBeanServerFactory.newMBeanServer(), NAME);
		HistogramCapture capture = new HistogramCapturer(source, 10, 1, java.time.Clock.systemUTC()).capture(false);
		assertThat(capture.unavailableReason())
			.startsWith("histogram unavailable: DiagnosticCommand MBean not present on this JVM (");
	}

	private static DiagnosticCommandHistogramSource register(FakeDiagnosticCommand command) throws Exception {
		MBeanServer server = MBeanServerFactory.newMBeanServer();
		server.registerMBean(command, NAME);
		return new DiagnosticCommandHistogramSource(server, NAME);
	}

	private static ObjectName name(String name) {
		try {
			return new ObjectName(name);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A stand-in DiagnosticCommand MBean that can advertise -parallel or not and reject it like JDK 11 does.
	 */
	static final class FakeDiagnosticCommand implements DynamicMBean {

		private final Boolean advertisesParallel;

		private final boolean acceptsParallel;

		final List<String> calls = new ArrayList<>();

		FakeDiagnosticCommand(Boolean advertisesParallel, boolean acceptsParallel) {
			this.advertisesParallel = advertisesParallel;
			this.acceptsParallel = acceptsParallel;
		}

		@Override
		public Object invoke(String actionName, Object[] params, String[] signature) {
			String[] arguments = (String[]) params[0];
			this.calls.add(Arrays.toString(arguments));
			for (String argument : arguments) {
				if (argument.startsWith("-parallel") && !this.acceptsParallel) {
					throw new IllegalArgumentException("Unknown argument '-parallel' in diagnostic command.");
				}
			}
			return "   1:   1   16  a.B\nTotal   1   16\n";
		}

		@Override
		public MBeanInfo getMBeanInfo() {
			ImmutableDescriptor descriptor = ImmutableDescriptor.EMPTY_DESCRIPTOR;
			if (this.advertisesParallel != null) {
				ImmutableDescriptor arguments = this.advertisesParallel
						? new ImmutableDescriptor("-all=x", "-parallel=y") : new ImmutableDescriptor("-all=x");
				descriptor = new ImmutableDescriptor(new String[] { "dcmd.arguments" }, new Object[] { arguments });
			}
			MBeanOperationInfo operation = new MBeanOperationInfo("gcClassHistogram", "histogram",
					new MBeanParameterInfo[] { new MBeanParameterInfo("arguments", String[].class.getName(), "") },
					String.class.getName(), MBeanOperationInfo.ACTION, descriptor);
			return new MBeanInfo(getClass().getName(), "fake", null, null, new MBeanOperationInfo[] { operation },
					null);
		}

		@Override
		public Object getAttribute(String attribute) {
			throw new UnsupportedOperationException(attribute);
		}

		@Override
		public void setAttribute(Attribute attribute) {
			throw new UnsupportedOperationException();
		}

		@Override
		public AttributeList getAttributes(String[] attributes) {
			return new AttributeList();
		}

		@Override
		public AttributeList setAttributes(AttributeList attributes) {
			return new AttributeList();
		}

	}

}
