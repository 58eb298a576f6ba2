package dev.memoryaudit.marking;

/**
 * Runs the {@code VM.log} diagnostic command, which configures unified logging at run time.
 */
interface VmLog {

	/**
	 * Runs {@code VM.log} with the given arguments.
	 * @param arguments the arguments, e.g. {@code output=/tmp/x what=gc=info}
	 * @return what the command printed: empty on success, the error otherwise
	 * @throws Exception when the command cannot be run at all
	 */
	String run(String... arguments) throws Exception;

}
