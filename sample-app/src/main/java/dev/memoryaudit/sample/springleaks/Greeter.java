package dev.memoryaudit.sample.springleaks;

/**
 * The interface the generated proxies implement.
 */
public interface Greeter {

	String greet(String name);

}
