package dev.memoryaudit.sample;

import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;

import dev.memoryaudit.sample.leak.LeakWorkload;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks that the workload threads are named descriptively and end when the application context closes.
 */
class WorkloadShutdownTests {

	@Test
	void workloadThreadsStopOnContextClose() throws InterruptedException {
		// Another test's cached context may run its own sample threads, so only look at threads this context creates.
		Set<Thread> before = sampleThreads();
		Set<Thread> ours;
		ConfigurableApplicationContext context = new SpringApplicationBuilder(SampleApplication.class)
			.web(WebApplicationType.NONE)
			.run("--spring.main.banner-mode=off");
		try {
			context.getBean(LeakWorkload.class).start(1024);
			ours = sampleThreads();
			ours.removeAll(before);
			assertThat(ours).extracting(Thread::getName)
				.contains("sample-leak", "sample-garbage")
				.allMatch((name) -> name.startsWith("sample-"));
		}
		finally {
			context.getBean(LeakWorkload.class).stop();
			context.getBean(LeakWorkload.class).clear();
			context.close();
		}
		for (Thread thread : ours) {
			thread.join(1000);
		}
		assertThat(ours).noneMatch(Thread::isAlive);
	}

	private static Set<Thread> sampleThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter(Thread::isAlive)
			.filter((thread) -> thread.getName().startsWith("sample-"))
			.collect(Collectors.toCollection(HashSet::new));
	}

}
