package dev.memoryaudit.audit.spring;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

import dev.memoryaudit.audit.AuditedStructure;
import dev.memoryaudit.audit.Bound;
import dev.memoryaudit.audit.JdkExecutors;
import dev.memoryaudit.audit.StructureInspector;
import dev.memoryaudit.audit.StructureKind;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.scheduling.concurrent.ConcurrentTaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * Reads every already-created {@link Executor} bean: Spring's {@link ThreadPoolTaskExecutor},
 * {@link ThreadPoolTaskScheduler}, {@link SimpleAsyncTaskExecutor} and {@link ConcurrentTaskExecutor} are unwrapped
 * to the JDK executor they use; JDK executors are read directly; other wrappers are reported as opaque.
 */
public final class ExecutorBeanInspector implements StructureInspector {

	private final ConfigurableListableBeanFactory beanFactory;

	public ExecutorBeanInspector(ConfigurableListableBeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	@Override
	public List<AuditedStructure> inspect() {
		List<AuditedStructure> structures = new ArrayList<>();
		for (String beanName : this.beanFactory.getBeanNamesForType(Executor.class, false, false)) {
			Object bean = this.beanFactory.getSingleton(beanName);
			if (!(bean instanceof Executor executor)) {
				continue;
			}
			try {
				structures.add(read(beanName, executor));
			}
			catch (RuntimeException | LinkageError ex) {
				structures.add(AuditedStructure.unreadable(beanName, StructureKind.EXECUTOR, bean.getClass().getName(), ex));
			}
		}
		return structures;
	}

	static AuditedStructure read(String name, Executor executor) {
		List<String> wrappers = new ArrayList<>();
		Executor current = executor;
		for (int depth = 0; depth < 8; depth++) {
			if (JdkExecutors.isReadable(current)) {
				return JdkExecutors.read(name, current, String.join(" > ", wrappers));
			}
			if (current instanceof SimpleAsyncTaskExecutor simple) {
				return simpleAsync(name, simple);
			}
			Executor inner = unwrap(current);
			if (inner == null) {
				break;
			}
			wrappers.add(current.getClass().getSimpleName());
			current = inner;
		}
		return JdkExecutors.opaque(name, executor,
				current.getClass().getName() + " does not expose the executor it delegates to");
	}

	private static Executor unwrap(Executor executor) {
		if (executor instanceof ThreadPoolTaskExecutor pool) {
			return pool.getThreadPoolExecutor();
		}
		if (executor instanceof ThreadPoolTaskScheduler scheduler) {
			return scheduler.getScheduledThreadPoolExecutor();
		}
		if (executor instanceof ConcurrentTaskExecutor concurrent) {
			return concurrent.getConcurrentExecutor();
		}
		return null;
	}

	private static AuditedStructure simpleAsync(String name, SimpleAsyncTaskExecutor executor) {
		int limit = executor.getConcurrencyLimit();
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("concurrencyLimit", limit);
		details.put("throttleActive", executor.isThrottleActive());
		details.put("threadPerTask", true);
		return new AuditedStructure(name, StructureKind.EXECUTOR, executor.getClass().getName(), Bound.BOUNDED, null,
				null, "tasks", "new thread per task" + ((limit > 0) ? ", at most " + limit + " at once" : ""), false,
				(limit > 0) ? Bound.BOUNDED : Bound.UNBOUNDED, false, details, null);
	}

}
