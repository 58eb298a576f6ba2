package dev.memoryaudit.retention;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.memoryaudit.histogram.LeakSuspect;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class RetentionAnalyzerTests {

	/** byte[] growing 3 MiB and 3,072 instances an hour, steadily. */
	private static final LeakSuspect GROWING_BYTES = new LeakSuspect("[B", "byte[]",
			LeakSuspect.Classification.GROWING_STEADILY, 1, 2, 3.0 * 1024 * 1024, 3072, 3, 2);

	@Test
	void jvmArrayNamesAreMadeReadable() {
		assertThat(RetentionAnalyzer.readable("[B")).isEqualTo("byte[]");
		assertThat(RetentionAnalyzer.readable("[[I")).isEqualTo("int[][]");
		assertThat(RetentionAnalyzer.readable("[Ljava.lang.Object;")).isEqualTo("java.lang.Object[]");
		assertThat(RetentionAnalyzer.readable("java.lang.String")).isEqualTo("java.lang.String");
	}

	@Test
	void lambdaHoldersDropTheirPerRunSuffix() {
		assertThat(RetentionAnalyzer.simple("a.b.Work$$Lambda$922.0x00007fe7044018a0")).isEqualTo("Work$$Lambda");
		assertThat(RetentionAnalyzer.simple("a.b.Work$Inner")).isEqualTo("Work$Inner");
	}

	@Test
	void hiddenClassesAreNamedAsTheHistogramNamesThem() {
		// JDK 17.0.15: GC.class_histogram and JFR of the same lambda class
		assertThat(RetentionAnalyzer.histogramName("Lam$$Lambda$287+0x00007fd854150a08.381708767"))
			.isEqualTo("Lam$$Lambda$287/0x00007fd854150a08");
		assertThat(RetentionAnalyzer.histogramName("a.b.Work$Inner")).isEqualTo("a.b.Work$Inner");
		assertThat(RetentionAnalyzer.histogramName("[Ljava.lang.Object;")).isEqualTo("[Ljava.lang.Object;");
	}

	@Test
	void missingRootSaysSo() {
		assertThat(RetentionAnalyzer.root(null)).isEqualTo(RetentionPath.NO_ROOT);
	}

	@Test
	void retainedByListsOnlyRootedPathsThroughEachSuspect() {
		LeakSuspect bytes = new LeakSuspect("[B", "byte[]", LeakSuspect.Classification.GROWING_STEADILY, 1, 2, 1, 1, 3,
				2);
		LeakSuspect strings = new LeakSuspect("java.lang.String", "java.lang.String",
				LeakSuspect.Classification.STABLE, 1, 1, 0, 0, 3, 0);
		AllocationSite site = new AllocationSite("Orders.place(line 42)",
				List.of("Orders.place(line 42)", "OrderController.create(line 17)"));
		RetentionPath rooted = new RetentionPath("byte[]", List.of("byte[]", "static X.F"), "static field X.F",
				"class loader data", 5, List.of("[B"), 0, site);
		RetentionPath unrooted = new RetentionPath("byte[]", List.of("byte[]"), RetentionPath.NO_ROOT,
				RetentionPath.NO_ROOT, 9, List.of("[B"), 0, AllocationSite.UNKNOWN);
		assertThat(RetentionMonitor.retainedBy(List.of(bytes, strings), List.of(unrooted, rooted)))
			.containsOnlyKeys("[B")
			.extractingByKey("[B")
			.asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
			.containsExactly("static field X.F: byte[] <- static X.F, allocated at Orders.place(line 42) (5 samples)");
	}

	@Test
	void aCulpritNamesTheGrowingClassItsHolderAndWhereItIsAllocated() {
		LeakSuspect bytes = GROWING_BYTES;
		AllocationSite site = new AllocationSite("Orders.place(line 42)",
				List.of("Orders.place(line 42)", "OrderController.create(line 17)"));
		RetentionPath fewer = new RetentionPath("byte[]", List.of("byte[]", "static Y.G"), "static field Y.G",
				"class loader data", 2, List.of("[B"), 0, AllocationSite.UNKNOWN);
		RetentionPath more = new RetentionPath("byte[]", List.of("byte[]", "Object[] element", "static X.F"),
				"static field X.F", "class loader data", 7, List.of("[B"), 0, site);
		RetentionPath unrooted = new RetentionPath("byte[]", List.of("byte[]"), RetentionPath.NO_ROOT,
				RetentionPath.NO_ROOT, 90, List.of("[B"), 0, site);
		List<Culprit> culprits = Culprit.of(List.of(bytes), List.of(unrooted, fewer, more), 7200L, 3);
		assertThat(culprits).singleElement().satisfies((culprit) -> {
			assertThat(culprit.displayName()).isEqualTo("byte[]");
			assertThat(culprit.holder()).isEqualTo("static field X.F");
			assertThat(culprit.path()).isEqualTo("byte[] <- Object[] element <- static X.F");
			assertThat(culprit.allocatedAt()).isEqualTo("Orders.place(line 42)");
			assertThat(culprit.samples()).isEqualTo(7);
			assertThat(culprit.exhaustionSeconds()).isEqualTo(7200L);
			assertThat(culprit.lookAt()).isEqualTo("X.F keeps every byte[] created at Orders.place(line 42): "
					+ "remove them when done, or bound it (a size limit, eviction, weak references)");
		});
		RetentionReport report = new RetentionReport(true, null, "trend LEAK_SUSPECTED",
				java.time.Instant.parse("2026-12-07T03:00:00Z"), 120, 15, 4096, "5 s", 99, 9,
				List.of(more, fewer, unrooted), java.util.Map.of(), null);
		assertThat(RetentionMarkdown.section(report, culprits))
			.contains("**byte[]**, allocated at `Orders.place(line 42)`, held by static field X.F (7 samples): "
					+ "+3.0 MiB an hour, +3072 instances an hour; the heap is full in 2 hours.")
			.contains("- allocation stack: `Orders.place(line 42) < OrderController.create(line 17)`");
	}

	@Test
	void theCulpritIsTheGroupWhoseSamplesStayAliveNotTheOneWithMostSamples() {
		// seen on an app not written for this: a full LRU cache churning (many young samples) beside a listener
		// registry that only grows (fewer samples, as old as the recording)
		LeakSuspect bytes = GROWING_BYTES;
		RetentionPath cache = new RetentionPath("byte[]",
				List.of("byte[]", "LinkedHashMap$Entry.value", "HashMap$Node[] element", "Controller.templates"),
				"field Controller.templates", "thread stack of thread main (Stack Variable)", 52, List.of("[B"), 0,
				new AllocationSite("Controller.render(line 66)", List.of("Controller.render(line 66)")), 25_000);
		RetentionPath listeners = new RetentionPath("byte[]",
				List.of("byte[]", "Controller$$Lambda.arg$1", "Object[] element", "ArrayList.elementData",
						"static EventBus.LISTENERS"),
				"static field EventBus.LISTENERS", "class loader data", 34, List.of("[B"), 0,
				new AllocationSite("Controller.notify(line 71)", List.of("Controller.notify(line 71)")), 90_000);
		assertThat(Culprit.of(List.of(bytes), List.of(cache, listeners), null, 3)).singleElement()
			.satisfies((culprit) -> {
				assertThat(culprit.holder()).isEqualTo("static field EventBus.LISTENERS");
				assertThat(culprit.allocatedAt()).isEqualTo("Controller.notify(line 71)");
			});
		RetentionPath cacheNoAge = new RetentionPath("byte[]", cache.chain(), cache.holder(), cache.root(), 52,
				List.of("[B"), 0, cache.allocatedAt());
		RetentionPath listenersNoAge = new RetentionPath("byte[]", listeners.chain(), listeners.holder(),
				listeners.root(), 34, List.of("[B"), 0, listeners.allocatedAt());
		// without ages (an older JDK's events), the group with more samples first, and the other one beside it: the
		// ages that would tell the churning cache from the leak are not known
		assertThat(Culprit.of(List.of(bytes), List.of(listenersNoAge, cacheNoAge), null, 3)).extracting(Culprit::holder)
			.containsExactly("field Controller.templates", "static field EventBus.LISTENERS");
		assertThat(Culprit.lookAt(bytes, cache)).startsWith("Controller.templates keeps every byte[] created at "
				+ "Controller.render(line 66)");
	}

	@Test
	void severalLeaksOfOneClassAreSeveralCulpritsButYoungOrFewSamplesElsewhereAreNot() {
		// byte[] leaking into a listener list, a map and pooled threads' thread-locals at once, beside a churning
		// cache (young samples) and a stray buffer (two samples)
		LeakSuspect bytes = GROWING_BYTES;
		RetentionPath listeners = path("static field Events.LISTENERS", 40, 60_000, "Work.listen(line 1)");
		RetentionPath map = path("static field Audit.BY_ID", 30, 55_000, "Work.audit(line 2)");
		RetentionPath threadLocals = path("thread-locals of thread pool-*", 25, 50_000, "Work.buffer(line 3)");
		RetentionPath cache = path("field Controller.templates", 60, 9_000, "Controller.render(line 4)");
		RetentionPath stray = path("static field Stray.BUFFER", 2, 70_000, "Stray.init(line 5)");
		List<RetentionPath> paths = List.of(cache, stray, threadLocals, map, listeners);
		assertThat(Culprit.of(List.of(bytes), paths, null, 10)).extracting(Culprit::holder)
			.containsExactly("static field Events.LISTENERS", "static field Audit.BY_ID",
					"thread-locals of thread pool-*");
		// the order of the paths does not matter
		assertThat(Culprit.of(List.of(bytes), List.of(listeners, map, threadLocals, stray, cache), null, 10)).extracting(Culprit::holder)
			.containsExactly("static field Events.LISTENERS", "static field Audit.BY_ID",
					"thread-locals of thread pool-*");
		assertThat(Culprit.of(List.of(bytes), paths, null, 2)).hasSize(2);
	}

	@Test
	void aHoldersGroupsCountTogether() {
		// seen in the sample app's four-shape run: the listener list reached by two chains, neither alone a fifth of
		// the thread-locals' sampled memory-time, together more
		LeakSuspect bytes = GROWING_BYTES;
		RetentionPath threadLocals = path("thread-locals of thread pool-*", 100, 77_000, "Work.buffer(line 3)");
		RetentionPath listenersYoung = path("static field Events.LISTENERS", 30, 30_000, "Work.listen(line 1)");
		RetentionPath listenersOld = new RetentionPath("byte[]",
				List.of("byte[]", "Listener.state", "Object[] element", "static field Events.LISTENERS"),
				"static field Events.LISTENERS", "class loader data", 18, List.of("[B"), 0,
				new AllocationSite("Work.listen(line 1)", List.of("Work.listen(line 1)")), 80_000);
		RetentionPath ring = path("field Garbage.ring", 45, 4_400, "Garbage.tick(line 9)");
		assertThat(Culprit.of(List.of(bytes), List.of(ring, listenersYoung, threadLocals, listenersOld), null, 10))
			.extracting((c) -> c.holder() + " " + c.samples())
			.containsExactly("thread-locals of thread pool-* 100", "static field Events.LISTENERS 48");
	}

	@Test
	void aHolderWhoseCollectionKeptItsSizeSinceThePreviousDumpIsNotACulprit() {
		// the app not written for this, sampled for less than its cache's turnover: the full LRU cache's samples are
		// as old as the listener leak's and more numerous; only the sizes of the two collections tell them apart
		LeakSuspect bytes = GROWING_BYTES;
		RetentionPath cache = sized("field Controller.templates", 60, "Controller$1 in Controller.templates", 20_000);
		RetentionPath listeners = sized("static field EventBus.LISTENERS", 40, "ArrayList in static EventBus.LISTENERS",
				31_000);
		Instant before = Instant.parse("2026-12-07T15:00:00Z");
		Culprit.PreviousDump previous = new Culprit.PreviousDump(before,
				List.of(sized("field Controller.templates", 20, "Controller$1 in Controller.templates", 20_000),
						sized("static field EventBus.LISTENERS", 12, "ArrayList in static EventBus.LISTENERS", 12_000)));
		// without a previous dump, the cache (more samples, as old) comes first
		assertThat(Culprit.of(List.of(bytes), List.of(cache, listeners), null, 3)).extracting(Culprit::holder)
			.startsWith("field Controller.templates");
		assertThat(Culprit.of(List.of(bytes), List.of(cache, listeners), previous, null, 3)).singleElement()
			.satisfies((culprit) -> {
				assertThat(culprit.holder()).isEqualTo("static field EventBus.LISTENERS");
				assertThat(culprit.holderGrowth()).isEqualTo("ArrayList in static EventBus.LISTENERS: 12000 -> 31000"
						+ " entries since the dump at 2026-12-07T15:00:00Z");
			});
		// a holder whose collections the previous dump did not see is judged by its samples, as without one
		Culprit.PreviousDump unrelated = new Culprit.PreviousDump(before,
				List.of(sized("static field Other.MAP", 5, "HashMap in static Other.MAP", 10)));
		assertThat(Culprit.of(List.of(bytes), List.of(cache, listeners), unrelated, null, 3)).extracting(Culprit::holder)
			.startsWith("field Controller.templates")
			.allSatisfy((holder) -> assertThat(holder).isNotEqualTo("static field Other.MAP"));
		// and when every holder kept its size, none is named
		Culprit.PreviousDump same = new Culprit.PreviousDump(before, List.of(cache, listeners));
		assertThat(Culprit.of(List.of(bytes), List.of(cache, listeners), same, null, 3)).isEmpty();
		assertThat(RetentionMarkdown.section(new RetentionReport(true, null, "test", before.plusSeconds(600), 1, 1, 1,
				"5 s", 100, 100, List.of(cache, listeners), Map.of(), null, previous),
				Culprit.of(List.of(bytes), List.of(cache, listeners), previous, null, 3)))
			.contains("- grew: ArrayList in static EventBus.LISTENERS: 12000 -> 31000 entries since the dump at "
					+ "2026-12-07T15:00:00Z\n");
	}

	@Test
	void aHolderWhoseArrayGrewIsACulpritWithFewSamplesButAnArrayOfTheSameLengthSaysNothing() {
		// seen on JDK 25 with the sample app's four leaks: the listener list (a copy-on-write list, no size field) kept
		// 11 samples beside the thread-locals' 201, under a twentieth of their sampled memory-time
		LeakSuspect bytes = GROWING_BYTES;
		RetentionPath threadLocals = sized("thread-locals of thread pool-*", 201, "ArrayList in ThreadLocalMap$Entry.value",
				90_000);
		String array = "Object[]" + RetentionPath.LENGTH + " in CopyOnWriteArrayList.array";
		RetentionPath listeners = sized("static field Events.LISTENERS", 9, array, 52_000);
		Instant before = Instant.parse("2026-12-07T15:00:00Z");
		Culprit.PreviousDump grew = new Culprit.PreviousDump(before,
				List.of(sized("thread-locals of thread pool-*", 150, "ArrayList in ThreadLocalMap$Entry.value", 60_000),
						sized("static field Events.LISTENERS", 8, array, 30_000)));
		assertThat(Culprit.of(List.of(bytes), List.of(threadLocals, listeners), grew, null, 10))
			.extracting(Culprit::holder, Culprit::holderGrowth)
			.containsExactly(
					tuple("thread-locals of thread pool-*", "ArrayList in ThreadLocalMap$Entry.value: 60000 -> 90000"
							+ " entries since the dump at 2026-12-07T15:00:00Z"),
					tuple("static field Events.LISTENERS", "Object[] in CopyOnWriteArrayList.array: 30000 -> 52000 slots"
							+ " since the dump at 2026-12-07T15:00:00Z"));
		// the same length: a table's capacity may stay while its entries grow, so the holder is not left out, only
		// judged by its samples as without a previous dump (here too few beside the thread-locals)
		Culprit.PreviousDump sameLength = new Culprit.PreviousDump(before,
				List.of(sized("static field Events.LISTENERS", 8, array, 52_000)));
		assertThat(Culprit.of(List.of(bytes), List.of(threadLocals, listeners), sameLength, null, 10))
			.extracting(Culprit::holder)
			.containsExactly("thread-locals of thread pool-*");
		assertThat(Culprit.of(List.of(bytes), List.of(listeners), sameLength, null, 10)).extracting(Culprit::holder)
			.containsExactly("static field Events.LISTENERS");
	}

	@Test
	void anEarlierDumpsCulpritStaysWhileItsClassIsASuspectUnlessItsHolderTurnedSteady() {
		// seen in CI with the sample app's four leaks: the second recording's dump kept no sample of LeakyOrder, the
		// first had named it
		LeakSuspect orders = new LeakSuspect("com.example.LeakyOrder", "com.example.LeakyOrder",
				LeakSuspect.Classification.GROWING_STEADILY, 1, 2, 9.0e8, 4.0e6, 8, 7);
		Instant first = Instant.parse("2026-12-07T16:16:00Z");
		Instant second = Instant.parse("2026-12-07T16:18:00Z");
		Culprit ordersCulprit = new Culprit("com.example.LeakyOrder", "com.example.LeakyOrder", 1.0, 1.0,
				"static field Orders.ALL", "LeakyOrder <- Object[] element <- static Orders.ALL", "class loader data",
				"Work.tick(line 9)", List.of("Work.tick(line 9)"), 5, null, "look", null, null).namedAt(first);
		Culprit bytesCulprit = Culprit.of(List.of(GROWING_BYTES),
				List.of(path("thread-locals of thread pool-*", 71, 59_000, "Work.buffer(line 3)")), null, 10)
			.get(0)
			.namedAt(second);
		List<Culprit> kept = Culprit.remember(List.of(bytesCulprit), List.of(ordersCulprit), java.util.Set.of(), 20);
		List<Culprit> shown = Culprit.withEarlier(List.of(bytesCulprit), kept, List.of(orders, GROWING_BYTES), 600L, 10);
		assertThat(shown).extracting(Culprit::holder, Culprit::namedAt)
			.containsExactly(tuple("thread-locals of thread pool-*", second), tuple("static field Orders.ALL", first));
		// with the rates of now
		assertThat(shown.get(1).bytesPerHour()).isEqualTo(9.0e8);
		assertThat(shown.get(1).exhaustionSeconds()).isEqualTo(600L);
		assertThat(RetentionMarkdown.section(new RetentionReport(true, null, "test", second, 1, 1, 1, "5 s", 100, 100,
				List.of(), Map.of(), null), shown))
			.contains("(named by the dump at 2026-12-07T16:16:00Z; the latest did not name it)");
		// no longer a suspect: not shown
		assertThat(Culprit.withEarlier(List.of(bytesCulprit), kept, List.of(GROWING_BYTES), null, 10))
			.extracting(Culprit::holder)
			.containsExactly("thread-locals of thread pool-*");
		// a later dump found its holder steady: forgotten
		assertThat(Culprit.remember(List.of(bytesCulprit), kept, java.util.Set.of("static field Orders.ALL"), 20))
			.extracting(Culprit::holder)
			.containsExactly("thread-locals of thread pool-*");
	}

	private static RetentionPath sized(String holder, int samples, String container, int size) {
		return new RetentionPath("byte[]", List.of("byte[]", "Object[] element", holder), holder, "class loader data",
				samples, List.of("[B"), 0, new AllocationSite("Work.add(line 1)", List.of("Work.add(line 1)")), 60_000,
				List.of("[B"), Map.of(container, size));
	}

	@Test
	void theSizeJfrWritesIsRead() {
		assertThat(RetentionAnalyzer.size("Size: 31000")).isEqualTo(31_000);
		assertThat(RetentionAnalyzer.size("Thread Name: main")).isNull();
		assertThat(RetentionAnalyzer.size(null)).isNull();
		assertThat(RetentionAnalyzer.size("Size: many")).isNull();
	}

	private static RetentionPath path(String holder, int samples, long medianAgeMillis, String site) {
		return new RetentionPath("byte[]", List.of("byte[]", "Object[] element", holder), holder, "class loader data",
				samples, List.of("[B"), 0, new AllocationSite(site, List.of(site)), medianAgeMillis);
	}

	@Test
	void aHolderFieldIsAnApplicationClassWithANameOfItsOwn() {
		assertThat(RetentionAnalyzer.isNamedApplicationClass("com.example.notify.NotifyController")).isTrue();
		assertThat(RetentionAnalyzer.isNamedApplicationClass("com.example.notify.NotifyController$1")).isFalse();
		assertThat(RetentionAnalyzer.isNamedApplicationClass("com.example.Work$$Lambda/0x0000000801234")).isFalse();
		assertThat(RetentionAnalyzer.isNamedApplicationClass("java.util.LinkedHashMap$Entry")).isFalse();
		assertThat(RetentionAnalyzer.isNamedApplicationClass("[Ljava.lang.Object;")).isFalse();
		assertThat(RetentionAnalyzer.isNamedApplicationClass("com.example.CacheConfig$$SpringCGLIB$$0")).isTrue();
		assertThat(RetentionAnalyzer.isNamedApplicationClass("?")).isFalse();
		assertThat(RetentionAnalyzer.isFrameworkBeyondJdk(
				"org.springframework.beans.factory.support.DefaultListableBeanFactory")).isTrue();
		assertThat(RetentionAnalyzer.isFrameworkBeyondJdk("java.util.concurrent.ConcurrentHashMap$Node")).isFalse();
	}

	@Test
	void frameworkFramesAreNotTheApplication() {
		assertThat(AllocationSite.isFramework("org.springframework.web.servlet.DispatcherServlet")).isTrue();
		assertThat(AllocationSite.isFramework("java.util.ArrayList")).isTrue();
		assertThat(AllocationSite.isFramework("com.example.orders.OrderService")).isFalse();
		assertThat(AllocationSite.frame("com.example.orders.OrderService$Inner", "place", 42))
			.isEqualTo("OrderService$Inner.place(line 42)");
		assertThat(AllocationSite.frame("com.example.Orders", "<init>", -1)).isEqualTo("Orders.<init>()");
	}

}
