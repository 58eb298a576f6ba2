package dev.memoryaudit.test;

import org.junit.jupiter.api.function.Executable;

/**
 * Runs user blocks and rethrows whatever they throw unchanged, checked exceptions included.
 */
final class Blocks {

	private Blocks() {
	}

	static void run(Executable block) {
		try {
			block.execute();
		}
		catch (Throwable ex) {
			throw Blocks.<RuntimeException>sneaky(ex);
		}
	}

	@SuppressWarnings("unchecked")
	private static <T extends Throwable> T sneaky(Throwable ex) throws T {
		throw (T) ex;
	}

}
