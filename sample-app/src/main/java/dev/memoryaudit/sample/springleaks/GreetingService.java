package dev.memoryaudit.sample.springleaks;

import java.io.Serializable;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.stereotype.Service;

/**
 * Greets through a generated proxy. The leaky way generates the proxy classes per request in a fresh class loader
 * (what per-request scripting, plugin or proxy-factory code does) and keeps them in a "cache" that is never cleared;
 * the healthy way uses the proxy classes of the application's own loader, which the JDK generates once.
 */
@Service
public class GreetingService {

	/** Proxy classes generated per leaky request: one per interface set. */
	static final int CLASSES_PER_REQUEST = 4;

	private static final List<Class<?>[]> INTERFACE_SETS = List.of(new Class<?>[] { Greeter.class },
			new Class<?>[] { Greeter.class, Serializable.class }, new Class<?>[] { Greeter.class, Runnable.class },
			new Class<?>[] { Greeter.class, Comparable.class });

	private static final InvocationHandler HANDLER = (proxy, method, args) -> switch (method.getName()) {
		case "greet" -> "hello " + args[0];
		case "hashCode" -> System.identityHashCode(proxy);
		case "equals" -> proxy == args[0];
		case "toString" -> "greeter";
		default -> null;
	};

	private final List<Object> leaked = new CopyOnWriteArrayList<>();

	/**
	 * Greets.
	 * @param name who
	 * @param leak whether to generate the proxies in a fresh class loader and keep them
	 * @return the greeting
	 */
	public String greet(String name, boolean leak) {
		ClassLoader loader = leak ? new RequestClassLoader(GreetingService.class.getClassLoader())
				: GreetingService.class.getClassLoader();
		String greeting = null;
		for (Class<?>[] interfaces : INTERFACE_SETS) {
			Greeter greeter = (Greeter) Proxy.newProxyInstance(loader, interfaces, HANDLER);
			greeting = greeter.greet(name);
			if (leak) {
				this.leaked.add(greeter);
			}
		}
		return greeting;
	}

	/**
	 * Classes generated and kept by leaky requests.
	 * @return how many
	 */
	public int leakedClasses() {
		return this.leaked.size();
	}

	void clear() {
		this.leaked.clear();
	}

	/**
	 * The class loader created per leaky request.
	 */
	static final class RequestClassLoader extends ClassLoader {

		RequestClassLoader(ClassLoader parent) {
			super(parent);
		}

	}

}
