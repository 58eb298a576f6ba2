package dev.memoryaudit.sample.container;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.memoryaudit.container.CgroupLocation;
import dev.memoryaudit.container.CgroupLocator;

/**
 * A child memory cgroup this test creates under the test JVM's own memory cgroup (v1, or v2 where the memory
 * controller can be delegated to it), with a memory limit, to run a JVM in; removed on close, after killing whatever
 * still runs in it. It never touches another cgroup. {@link #create} says why it cannot be made (not root, no memory
 * cgroup, a v2 parent that cannot delegate the memory controller), so the test can skip with that reason.
 */
final class ChildCgroup implements AutoCloseable {

	private final Path directory;

	private final String version;

	private ChildCgroup(Path directory, String version) {
		this.directory = directory;
		this.version = version;
	}

	/**
	 * Creates a child cgroup with a memory limit and no swap beyond it.
	 * @param name the child's name (made unique with this JVM's pid)
	 * @param limitBytes the memory limit
	 * @return the cgroup
	 * @throws CannotCreate with the reason when it cannot be made here
	 */
	static ChildCgroup create(String name, long limitBytes) throws CannotCreate {
		CgroupLocation own = CgroupLocator.platform().locate();
		if (!own.available() || own.directory() == null) {
			throw new CannotCreate("no memory cgroup for this process: " + own.unavailableReason());
		}
		Path parent = own.directory();
		if (!Files.isWritable(parent)) {
			throw new CannotCreate("this process's memory cgroup " + parent + " is not writable (run as root)");
		}
		if (CgroupLocation.V2.equals(own.version())) {
			try {
				String controllers = Files.readString(parent.resolve("cgroup.subtree_control")).trim();
				if (!List.of(controllers.split(" ")).contains("memory")) {
					throw new CannotCreate("cgroup v2 parent " + parent + " does not delegate the memory controller to "
							+ "children (cgroup.subtree_control: '" + controllers + "'); a v2 cgroup that holds "
							+ "processes cannot enable it");
				}
			}
			catch (IOException ex) {
				throw new CannotCreate("cannot read " + parent.resolve("cgroup.subtree_control") + ": " + ex);
			}
		}
		Path directory = parent.resolve(name + "-" + ProcessHandle.current().pid());
		try {
			Files.createDirectory(directory);
		}
		catch (IOException ex) {
			throw new CannotCreate("cannot create a child cgroup under " + parent + ": " + ex);
		}
		ChildCgroup cgroup = new ChildCgroup(directory, own.version());
		try {
			if (CgroupLocation.V1.equals(own.version())) {
				cgroup.write("memory.limit_in_bytes", Long.toString(limitBytes));
				if (Files.exists(directory.resolve("memory.memsw.limit_in_bytes"))) {
					cgroup.write("memory.memsw.limit_in_bytes", Long.toString(limitBytes));
				}
			}
			else {
				cgroup.write("memory.max", Long.toString(limitBytes));
				cgroup.write("memory.swap.max", "0");
			}
		}
		catch (IOException ex) {
			cgroup.close();
			throw new CannotCreate("cannot set the limit of " + directory + ": " + ex);
		}
		return cgroup;
	}

	private void write(String file, String value) throws IOException {
		Path path = this.directory.resolve(file);
		if (Files.exists(path)) {
			Files.writeString(path, value, StandardCharsets.US_ASCII);
		}
	}

	/**
	 * Starts a command inside the cgroup: a shell moves itself into it, then replaces itself with the command, so
	 * nothing the command starts runs outside.
	 * @param log where its output goes
	 * @param command the command
	 * @return the process
	 * @throws IOException when it cannot start
	 */
	Process start(Path log, List<String> command) throws IOException {
		List<String> shell = new ArrayList<>(List.of("sh", "-c",
				"echo $$ > '" + this.directory.resolve("cgroup.procs") + "' && exec \"$@\"", "sh"));
		shell.addAll(command);
		return new ProcessBuilder(shell).redirectErrorStream(true).redirectOutput(log.toFile()).start();
	}

	/**
	 * The kernel's count of OOM kills in this cgroup.
	 * @return the count, -1 when the kernel does not tell
	 * @throws IOException when the file cannot be read
	 */
	long oomKills() throws IOException {
		String file = CgroupLocation.V1.equals(this.version) ? "memory.oom_control" : "memory.events";
		for (String line : Files.readAllLines(this.directory.resolve(file))) {
			if (line.startsWith("oom_kill ")) {
				return Long.parseLong(line.substring("oom_kill ".length()).trim());
			}
		}
		return -1;
	}

	Path directory() {
		return this.directory;
	}

	String version() {
		return this.version;
	}

	@Override
	public void close() {
		try {
			long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
			while (Files.exists(this.directory) && System.nanoTime() < deadline) {
				for (String pid : Files.readAllLines(this.directory.resolve("cgroup.procs"))) {
					if (!pid.isBlank()) {
						ProcessHandle.of(Long.parseLong(pid.trim())).ifPresent(ProcessHandle::destroyForcibly);
					}
				}
				try {
					Files.delete(this.directory);
				}
				catch (IOException busy) {
					Thread.sleep(100);
				}
			}
		}
		catch (IOException | InterruptedException ex) {
			throw new IllegalStateException("could not remove the test cgroup " + this.directory, ex);
		}
	}

	/**
	 * Why a child cgroup cannot be created on this machine.
	 */
	static final class CannotCreate extends Exception {

		CannotCreate(String message) {
			super(message);
		}

	}

}
