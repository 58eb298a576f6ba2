package dev.memoryaudit.test;

import java.lang.reflect.AnnotatedElement;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.jspecify.annotations.Nullable;

/**
 * JUnit 5 extension behind {@link LeakTest}: records live threads and open file descriptors before each test and
 * fails the test if more are left afterwards.
 */
public final class LeakTestExtension implements BeforeEachCallback, AfterEachCallback {

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace
		.create(LeakTestExtension.class);

	private static final String THREADS = "threads";

	private static final String DESCRIPTORS = "descriptors";

	@Override
	public void beforeEach(ExtensionContext context) {
		LeakTest settings = settings(context);
		ExtensionContext.Store store = context.getStore(NAMESPACE);
		if (settings.threads()) {
			store.put(THREADS, ThreadCheck.liveThreads());
		}
		if (settings.fileDescriptors()) {
			Map<Integer, String> open = FileDescriptorCheck.defaults().open();
			if (open != null) {
				store.put(DESCRIPTORS, open);
			}
			else {
				context.publishReportEntry("leak-test",
						"file descriptors unavailable: /proc/self/fd cannot be read (Linux only); not checked");
			}
		}
	}

	@Override
	@SuppressWarnings("unchecked")
	public void afterEach(ExtensionContext context) {
		LeakTest settings = settings(context);
		Duration grace = Duration.ofMillis(Math.max(0, settings.gracePeriodMillis()));
		ExtensionContext.Store store = context.getStore(NAMESPACE);
		Set<Thread> threads = store.remove(THREADS, Set.class);
		Map<Integer, String> descriptors = store.remove(DESCRIPTORS, Map.class);
		if (threads != null) {
			ThreadCheck.defaults().gracePeriod(grace).ignoring(settings.ignoreThreads()).verify(threads);
		}
		if (descriptors != null) {
			FileDescriptorCheck.defaults().gracePeriod(grace).verify(descriptors);
		}
	}

	private static LeakTest settings(ExtensionContext context) {
		LeakTest onMethod = find(context.getTestMethod().orElse(null));
		if (onMethod != null) {
			return onMethod;
		}
		LeakTest onClass = find(context.getTestClass().orElse(null));
		if (onClass != null) {
			return onClass;
		}
		return Defaults.class.getAnnotation(LeakTest.class);
	}

	private static @Nullable LeakTest find(@Nullable AnnotatedElement element) {
		return (element != null) ? AnnotationSupport.findAnnotation(element, LeakTest.class).orElse(null) : null;
	}

	@LeakTest
	private static final class Defaults {

	}

}
