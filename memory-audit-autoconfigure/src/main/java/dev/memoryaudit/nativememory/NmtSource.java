package dev.memoryaudit.nativememory;

/**
 * Where the text of {@code VM.native_memory summary} comes from; a seam for tests.
 */
@FunctionalInterface
public interface NmtSource {

	/**
	 * Runs the summary command.
	 * @return its output
	 * @throws Exception when the command cannot run
	 */
	String summary() throws Exception;

}
