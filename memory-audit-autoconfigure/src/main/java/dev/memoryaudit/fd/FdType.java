package dev.memoryaudit.fd;

import java.util.Locale;

/**
 * The kind of a file descriptor, read from its {@code /proc/self/fd} link target.
 */
public enum FdType {

	/**
	 * {@code socket:[inode]}: TCP, UDP and Unix domain sockets.
	 */
	SOCKET,

	/**
	 * {@code pipe:[inode]}: both ends of anonymous pipes ({@code java.nio.channels.Pipe} opens two).
	 */
	PIPE,

	/**
	 * {@code anon_inode:[...]}: epoll instances of selectors, eventfds, timerfds and the like.
	 */
	ANON_INODE,

	/**
	 * An absolute path: regular files, directories, devices, jars.
	 */
	FILE,

	/**
	 * Anything else.
	 */
	OTHER;

	/**
	 * The tag value and series suffix of this type: its name in lower case.
	 * @return e.g. {@code anon_inode}
	 */
	public String tag() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * Classifies a link target.
	 * @param target the target of a {@code /proc/self/fd} entry
	 * @return its type
	 */
	public static FdType classify(String target) {
		if (target.startsWith("socket:")) {
			return SOCKET;
		}
		if (target.startsWith("pipe:")) {
			return PIPE;
		}
		if (target.startsWith("anon_inode:")) {
			return ANON_INODE;
		}
		if (target.startsWith("/")) {
			return FILE;
		}
		return OTHER;
	}

}
