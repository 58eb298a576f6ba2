package dev.memoryaudit.vthreads;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;

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
		VirtualThreadCensus census = new VirtualThreadCensus(null, 1, Clock.systemUTC());
		assertThat(census.unavailableReason()).startsWith("virtual threads need JDK 21 or later");
		assertThat(census.sample()).isEmpty();
		assertThat(census.sections()).singleElement()
			.satisfies((s) -> assertThat(s.markdown()).contains("unavailable: virtual threads need JDK 21"));
		census.close();
	}

	@Test
	void theJdkFramesAreSkipped() {
		assertThat(List.of("java.base/java.lang.VirtualThread.park(VirtualThread.java:742)",
				"jdk.internal.misc.Unsafe.park(Native Method)")).allMatch(VirtualThreadDump::isJdk);
		assertThat(VirtualThreadDump.isJdk("com.example.Orders.await(Orders.java:12)")).isFalse();
	}

}
