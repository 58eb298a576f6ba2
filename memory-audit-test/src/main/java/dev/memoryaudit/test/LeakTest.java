package dev.memoryaudit.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Checks that every test of the annotated class (or the annotated test method) leaves no new live threads and no
 * more open file descriptors behind than it found, through {@link LeakTestExtension}.
 * <p>
 * Unlike {@link ThreadCheck} and {@link FileDescriptorCheck} there is no warm-up run: shared resources a test starts
 * lazily on first use (a client's selector thread, a jar opened by class loading) count as leftovers of the first
 * test that uses them; {@link #ignoreThreads()} or a warm-up in {@code @BeforeAll} handles them. Memory growth is not
 * checked here, because one test run says nothing about a trend: use {@link LeakCheck} for that.
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(LeakTestExtension.class)
public @interface LeakTest {

	/**
	 * Whether to fail a test that leaves new live threads behind.
	 * @return {@code true} by default
	 */
	boolean threads() default true;

	/**
	 * Whether to fail a test that leaves more open file descriptors of some type behind (Linux only; elsewhere a
	 * report entry says the check was unavailable).
	 * @return {@code true} by default
	 */
	boolean fileDescriptors() default true;

	/**
	 * How long to wait for threads to end and descriptors to be closed after the test, in milliseconds.
	 * @return 500 by default
	 */
	long gracePeriodMillis() default 500;

	/**
	 * Thread name patterns to ignore ({@code *} matches any run of characters), in addition to
	 * {@code ForkJoinPool.commonPool-worker-*}.
	 * @return none by default
	 */
	String[] ignoreThreads() default {};

}
