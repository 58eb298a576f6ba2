package dev.memoryaudit.audit.vthreads;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import dev.memoryaudit.audit.ProbeRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The thread-dump reader on a real JSON dump of JDK 25 (7 virtual threads waiting on a queue in
 * {@code Small.waitForever}, 3 parked in a lambda, and the JVM's platform threads), and the census where virtual
 * threads do not exist.
 */
class VirtualThreadDumpTests {

	@Test
	void countsVirtualAndParkedThreadsAndNamesWhereTheyWait() throws IOException {
		VirtualThreadDump dump;
		try (BufferedReader reader = new BufferedReader(new InputStreamReader(
				getClass().getResourceAsStream("/thread-dumps/jdk25-10-parked.json"), StandardCharsets.UTF_8))) {
			dump = VirtualThreadDump.parse(reader);
		}
		assertThat(dump.statesKnown()).isTrue();
		assertThat(dump.virtualThreads()).isEqualTo(10);
		assertThat(dump.parked()).isEqualTo(10);
		assertThat(dump.parkedAt()).containsExactly(Map.entry("Small.waitForever(Small.java:7)", 7L),
				Map.entry("Small.lambda$main$1(Small.java:11)", 3L));
	}

	@Test
	void aDumpWithoutVirtualThreadsCountsNone() throws IOException {
		String json = """
				{
				  "threadDump": {
				    "threadContainers": [
				      {
				        "container": "<root>",
				        "threads": [
				          {
				            "tid": "1",
				            "name": "main",
				            "state": "RUNNABLE",
				            "stack": [
				              "java.base\\/java.lang.Thread.sleep(Thread.java:1)"
				            ]
				          }
				        ]
				      }
				    ]
				  }
				}
				""";
		VirtualThreadDump dump = VirtualThreadDump.parse(new BufferedReader(new StringReader(json)));
		assertThat(dump.virtualThreads()).isZero();
		assertThat(dump.parkedAt()).isEmpty();
	}

	@Test
	@EnabledForJreRange(max = JRE.JAVA_20)
	void beforeJdk21TheCensusSaysWhyAndAddsNothing() {
		VirtualThreadCensus census = new VirtualThreadCensus(null, 1, 100, Clock.systemUTC());
		assertThat(census.unavailableReason()).startsWith("virtual threads need JDK 21 or later");
		assertThat(census.sample()).isEmpty();
		ProbeRow row = census.assess((key, unit, minimumGrowth) -> {
			throw new AssertionError("nothing to assess without virtual threads");
		});
		assertThat(row.unavailable()).startsWith("unavailable: virtual threads need JDK 21");
		assertThat(row.findings()).isEmpty();
		census.close();
	}

	@Test
	void aDumpWithoutThreadStatesIsNotCounted() throws IOException {
		// the JSON dumps of JDK 21 to 24: id, name and stack only
		String json = """
				{
				  "threadDump": {
				    "threadContainers": [
				      {
				        "container": "java.util.concurrent.ThreadPerTaskExecutor@1",
				        "threads": [
				          {
				            "tid": "31",
				            "name": "",
				            "stack": [
				              "java.base\\/java.lang.VirtualThread.park(VirtualThread.java:582)",
				              "com.example.Orders.await(Orders.java:12)"
				            ]
				          }
				        ]
				      }
				    ]
				  }
				}
				""";
		VirtualThreadDump dump = VirtualThreadDump.parse(new BufferedReader(new StringReader(json)));
		assertThat(dump.statesKnown()).isFalse();
		assertThat(dump.virtualThreads()).isZero();
	}

	@Test
	void theJdkFramesAreSkipped() {
		assertThat(List.of("java.base/java.lang.VirtualThread.park(VirtualThread.java:742)",
				"jdk.internal.misc.Unsafe.park(Native Method)")).allMatch(VirtualThreadDump::isJdk);
		assertThat(VirtualThreadDump.isJdk("com.example.Orders.await(Orders.java:12)")).isFalse();
	}

}
