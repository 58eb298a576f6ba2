package dev.memoryaudit.audit.threadlocals;

import java.lang.ref.Reference;
import java.lang.reflect.Field;
import java.util.Collection;
import java.util.Map;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Reads the thread-local map of a thread through reflection on {@code java.lang.Thread} and
 * {@code ThreadLocal.ThreadLocalMap}; possible only when {@code java.lang} is opened to this code
 * ({@code --add-opens java.base/java.lang=ALL-UNNAMED}). {@link #open()} says why not otherwise, and nothing throws.
 */
public final class ThreadLocalReader {

	/** The JVM option that lets the reader work. */
	public static final String ADD_OPENS = "--add-opens java.base/java.lang=ALL-UNNAMED";

	private static final Pattern LAMBDA = Pattern.compile("\\$\\$Lambda.*$");

	private final Field threadLocals;

	private final Field table;

	private final Field value;

	private final @Nullable Field supplier;

	private ThreadLocalReader(Field threadLocals, Field table, Field value, @Nullable Field supplier) {
		this.threadLocals = threadLocals;
		this.table = table;
		this.value = value;
		this.supplier = supplier;
	}

	/**
	 * Opens the reader.
	 * @return the reader, or why it cannot work here (a string starting with {@code unavailable:})
	 */
	public static Object open() {
		try {
			Field threadLocals = Thread.class.getDeclaredField("threadLocals");
			threadLocals.setAccessible(true);
			Class<?> map = Class.forName("java.lang.ThreadLocal$ThreadLocalMap");
			Field table = map.getDeclaredField("table");
			table.setAccessible(true);
			Class<?> entry = Class.forName("java.lang.ThreadLocal$ThreadLocalMap$Entry");
			Field value = entry.getDeclaredField("value");
			value.setAccessible(true);
			Field supplier = null;
			try {
				supplier = Class.forName("java.lang.ThreadLocal$SuppliedThreadLocal").getDeclaredField("supplier");
				supplier.setAccessible(true);
			}
			catch (ReflectiveOperationException | RuntimeException ex) {
				supplier = null;
			}
			return new ThreadLocalReader(threadLocals, table, value, supplier);
		}
		catch (RuntimeException ex) {
			if (ex.getClass().getSimpleName().equals("InaccessibleObjectException")) {
				return "unavailable: reading Thread.threadLocals needs the JVM option " + ADD_OPENS;
			}
			return "unavailable: Thread.threadLocals cannot be read on this JVM (" + ex + ")";
		}
		catch (ReflectiveOperationException | LinkageError ex) {
			return "unavailable: this JVM has no readable Thread.threadLocals (" + ex + ")";
		}
	}

	/**
	 * Visits the thread-local entries of one thread; racy by nature (the thread goes on), read-only.
	 * @param thread the thread
	 * @param visitor receives owner, value class, elements held and whether the entry is stale
	 */
	public void visit(Thread thread, Visitor visitor) {
		try {
			Object map = this.threadLocals.get(thread);
			if (map == null) {
				return;
			}
			Object[] entries = (Object[]) this.table.get(map);
			if (entries == null) {
				return;
			}
			for (Object entry : entries) {
				if (entry == null) {
					continue;
				}
				Object local = ((Reference<?>) entry).get();
				Object held = this.value.get(entry);
				String valueType = (held != null) ? fold(held.getClass().getName()) : "null";
				long elements = elements(held);
				if (local == null) {
					visitor.entry("(stale entry of a collected thread-local, value " + valueType + ")", valueType,
							elements, true);
				}
				else {
					visitor.entry(owner(local, valueType), valueType, elements, false);
				}
			}
		}
		catch (IllegalAccessException | RuntimeException ex) {
			// the map changed under us: skip this thread this tick
		}
	}

	/**
	 * Names the owner of a thread-local: the name of a Spring {@code NamedThreadLocal}, the class whose lambda
	 * supplies a {@code ThreadLocal.withInitial} value, the class enclosing an anonymous subclass, a subclass
	 * itself, or {@code ThreadLocal<value type>} for a plain one.
	 * @param local the thread-local
	 * @param valueType its value's class in this thread
	 * @return the owner
	 */
	String owner(Object local, String valueType) {
		Class<?> type = local.getClass();
		String name = type.getName();
		if (name.endsWith("NamedThreadLocal") || name.endsWith("NamedInheritableThreadLocal")) {
			return "\"" + local + "\" (" + type.getSimpleName() + ")";
		}
		if (name.equals("java.lang.ThreadLocal$SuppliedThreadLocal") && this.supplier != null) {
			try {
				Object supplied = this.supplier.get(local);
				if (supplied != null) {
					return fold(supplied.getClass().getName()) + " (ThreadLocal.withInitial)";
				}
			}
			catch (IllegalAccessException | RuntimeException ex) {
				// fall through
			}
		}
		if (type.isAnonymousClass() && type.getEnclosingClass() != null) {
			return type.getEnclosingClass().getName() + " (anonymous ThreadLocal)";
		}
		if (!name.startsWith("java.lang.")) {
			return name;
		}
		return type.getSimpleName() + "<" + valueType + ">";
	}

	private static long elements(@Nullable Object held) {
		try {
			if (held instanceof Collection<?> collection) {
				return collection.size();
			}
			if (held instanceof Map<?, ?> map) {
				return map.size();
			}
		}
		catch (RuntimeException ex) {
			return 0;
		}
		return 0;
	}

	static String fold(String className) {
		return LAMBDA.matcher(className).replaceAll("");
	}

	/**
	 * Receives the entries of a thread-local map.
	 */
	@FunctionalInterface
	public interface Visitor {

		/**
		 * One entry.
		 * @param owner who owns the thread-local
		 * @param valueType the class of its value
		 * @param elements elements of a collection or map value, else 0
		 * @param stale whether the thread-local itself was collected (the value waits to be expunged)
		 */
		void entry(String owner, String valueType, long elements, boolean stale);

	}

}
