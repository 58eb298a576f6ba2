package dev.memoryaudit.audit.threadlocals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import dev.memoryaudit.audit.AuditHarness;
import dev.memoryaudit.audit.Finding;
import dev.memoryaudit.audit.ProbeRow;

/**
 * Run in a child JVM with {@code --add-opens java.base/java.lang=ALL-UNNAMED}: four pooled threads whose
 * {@code ThreadLocal.withInitial} list grows by 100 elements per task and is never removed, beside a healthy
 * thread-local that is removed after each task; prints what the probe found.
 */
public final class ThreadLocalLeakMain {

	private static final ThreadLocal<List<String>> LEAKY = ThreadLocal.withInitial(ArrayList::new);

	private static final ThreadLocal<StringBuilder> CLEANED = new ThreadLocal<>();

	private ThreadLocalLeakMain() {
	}

	public static void main(String[] args) throws Exception {
		AtomicInteger ids = new AtomicInteger();
		ExecutorService pool = Executors.newFixedThreadPool(4, (r) -> new Thread(r, "worker-" + ids.incrementAndGet()));
		ThreadLocalProbe probe = new ThreadLocalProbe(new ThreadLocalProbe.Settings(64, 10, 1000));
		System.out.println("available=" + (probe.unavailable() == null));
		AuditHarness harness = new AuditHarness(100, List.of(), List.of(probe));
		for (int tick = 0; tick < 10; tick++) {
			CountDownLatch done = new CountDownLatch(8);
			for (int task = 0; task < 8; task++) {
				pool.execute(() -> {
					for (int i = 0; i < 50; i++) {
						LEAKY.get().add("request-state");
					}
					CLEANED.set(new StringBuilder("x"));
					CLEANED.remove();
					done.countDown();
				});
			}
			done.await();
			harness.tick();
		}
		ProbeRow row = harness.auditor.latest().probes().get(0);
		System.out.println("summary=" + row.summary());
		for (Finding finding : row.findings()) {
			System.out.println("finding=" + finding.severity() + " " + finding.structure() + " | " + finding.message());
		}
		pool.shutdownNow();
	}

}
