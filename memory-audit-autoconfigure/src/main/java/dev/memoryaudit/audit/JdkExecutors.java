package dev.memoryaudit.audit;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;

/**
 * Reads the JDK's executors: {@link ThreadPoolExecutor} (including {@link ScheduledThreadPoolExecutor}) and
 * {@link ForkJoinPool}; anything else is reported as opaque.
 */
public final class JdkExecutors {

	private JdkExecutors() {
	}

	/**
	 * Whether {@link #read} can see inside this executor.
	 * @param executor the executor
	 * @return true for thread-pool and fork-join executors
	 */
	public static boolean isReadable(Executor executor) {
		return executor instanceof ThreadPoolExecutor || executor instanceof ForkJoinPool;
	}

	/**
	 * Reads an executor.
	 * @param name the name to report it under
	 * @param executor the executor
	 * @param wrappers the wrappers it was found in, outermost first, empty when none
	 * @return the structure
	 */
	public static AuditedStructure read(String name, Executor executor, String wrappers) {
		if (executor instanceof ThreadPoolExecutor pool) {
			return threadPool(name, pool, wrappers);
		}
		if (executor instanceof ForkJoinPool pool) {
			return forkJoin(name, pool, wrappers);
		}
		return opaque(name, executor, wrappers.isEmpty() ? "not a ThreadPoolExecutor or ForkJoinPool"
				: "wrapped in " + wrappers + ", which does not expose its delegate");
	}

	/**
	 * An executor whose queue and pool cannot be seen.
	 * @param name the name
	 * @param executor the outermost object
	 * @param why why it is opaque
	 * @return the structure
	 */
	public static AuditedStructure opaque(String name, Object executor, String why) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("opaque", why);
		return new AuditedStructure(name, StructureKind.EXECUTOR, executor.getClass().getName(), Bound.OPAQUE, null,
				null, "tasks", "-", false, Bound.OPAQUE, false, details, null);
	}

	private static AuditedStructure threadPool(String name, ThreadPoolExecutor pool, String wrappers) {
		BlockingQueue<Runnable> queue = pool.getQueue();
		long queued = queue.size();
		long remaining = queue.remainingCapacity();
		boolean scheduled = pool instanceof ScheduledThreadPoolExecutor;
		boolean unboundedQueue = remaining == Integer.MAX_VALUE || queued + remaining >= Integer.MAX_VALUE;
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("corePoolSize", pool.getCorePoolSize());
		details.put("maxPoolSize", pool.getMaximumPoolSize());
		details.put("poolSize", pool.getPoolSize());
		details.put("largestPoolSize", pool.getLargestPoolSize());
		details.put("active", pool.getActiveCount());
		details.put("queueType", queue.getClass().getName());
		details.put("queueSize", queued);
		details.put("queueRemainingCapacity", remaining);
		details.put("completedTasks", pool.getCompletedTaskCount());
		details.put("shutdown", pool.isShutdown());
		if (!wrappers.isEmpty()) {
			details.put("unwrappedFrom", wrappers);
		}
		String rejection = pool.getRejectedExecutionHandler().getClass().getName();
		// A scheduled pool never grows past its core size: its delay queue is unbounded by design.
		Bound threads = (scheduled || pool.getMaximumPoolSize() < Integer.MAX_VALUE) ? Bound.BOUNDED
				: Bound.UNBOUNDED;
		return new AuditedStructure(name, StructureKind.EXECUTOR, pool.getClass().getName(),
				unboundedQueue ? Bound.UNBOUNDED : Bound.BOUNDED, queued, unboundedQueue ? null : queued + remaining,
				"tasks", "rejection " + simpleName(rejection), false, threads, scheduled, details, null);
	}

	private static AuditedStructure forkJoin(String name, ForkJoinPool pool, String wrappers) {
		long queued = pool.getQueuedSubmissionCount() + pool.getQueuedTaskCount();
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("parallelism", pool.getParallelism());
		details.put("poolSize", pool.getPoolSize());
		details.put("active", pool.getActiveThreadCount());
		details.put("queuedSubmissions", pool.getQueuedSubmissionCount());
		details.put("queuedTasks", pool.getQueuedTaskCount());
		details.put("steals", pool.getStealCount());
		details.put("shutdown", pool.isShutdown());
		if (!wrappers.isEmpty()) {
			details.put("unwrappedFrom", wrappers);
		}
		return new AuditedStructure(name, StructureKind.EXECUTOR, pool.getClass().getName(), Bound.UNBOUNDED, queued,
				null, "tasks", "work-stealing queues", false, Bound.BOUNDED, true, details, null);
	}

	static String simpleName(String className) {
		int dot = className.lastIndexOf('.');
		String simple = (dot >= 0) ? className.substring(dot + 1) : className;
		return simple.replace('$', '.');
	}

}
