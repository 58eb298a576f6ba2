package dev.memoryaudit.container;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Finds the memory cgroup of this process the way the JVM's own container support does: the memory controller's
 * line in {@code /proc/self/cgroup} (v1: {@code N:...memory...:/path}; v2: {@code 0::/path}), and the mount of that
 * hierarchy in {@code /proc/self/mountinfo} (fstype {@code cgroup} with the {@code memory} option, or
 * {@code cgroup2}). The path is resolved relative to the mount's root, so a container that sees only its own part of
 * the hierarchy (Docker, Kubernetes, cgroup namespaces) finds it at the mount point. A v1 memory hierarchy wins over
 * v2 on hybrid hosts where v2 is mounted without the memory controller.
 */
public final class CgroupLocator {

	private final Path root;

	/**
	 * Creates a locator reading {@code proc/self/cgroup}, {@code proc/self/mountinfo} and the mount points under the
	 * given root: {@code /} in production, a recorded layout in tests.
	 * @param root the file-system root
	 */
	public CgroupLocator(Path root) {
		this.root = root;
	}

	/**
	 * A locator of this process's cgroup.
	 * @return the locator reading {@code /}
	 */
	public static CgroupLocator platform() {
		return new CgroupLocator(Path.of("/"));
	}

	/**
	 * Locates the memory cgroup; never throws.
	 * @return where it is, or why it was not found
	 */
	public CgroupLocation locate() {
		List<String> cgroups;
		List<String> mountinfo;
		try {
			cgroups = Files.readAllLines(this.root.resolve("proc/self/cgroup"), StandardCharsets.UTF_8);
		}
		catch (IOException | RuntimeException ex) {
			return CgroupLocation.unavailable("cannot read /proc/self/cgroup (" + ex + "): not Linux, or /proc is not "
					+ "mounted");
		}
		try {
			mountinfo = Files.readAllLines(this.root.resolve("proc/self/mountinfo"), StandardCharsets.UTF_8);
		}
		catch (IOException | RuntimeException ex) {
			return CgroupLocation.unavailable("cannot read /proc/self/mountinfo (" + ex + ")");
		}
		String v1Path = null;
		String v2Path = null;
		for (String line : cgroups) {
			String[] parts = line.split(":", 3);
			if (parts.length != 3) {
				continue;
			}
			if (Arrays.asList(parts[1].split(",")).contains("memory")) {
				v1Path = parts[2];
			}
			else if ("0".equals(parts[0]) && parts[1].isEmpty()) {
				v2Path = parts[2];
			}
		}
		List<Mount> mounts = mounts(mountinfo);
		if (v1Path != null) {
			Mount mount = mounts.stream()
				.filter((m) -> "cgroup".equals(m.fsType()) && m.superOptions().contains("memory"))
				.findFirst()
				.orElse(null);
			if (mount == null) {
				return CgroupLocation.unavailable("/proc/self/cgroup names a v1 memory cgroup (" + v1Path
						+ ") but no cgroup mount with the memory controller is in /proc/self/mountinfo");
			}
			return found(CgroupLocation.V1, mount, v1Path, "memory.usage_in_bytes");
		}
		if (v2Path != null) {
			Mount mount = mounts.stream().filter((m) -> "cgroup2".equals(m.fsType())).findFirst().orElse(null);
			if (mount == null) {
				return CgroupLocation.unavailable("/proc/self/cgroup names a v2 cgroup (" + v2Path
						+ ") but no cgroup2 mount is in /proc/self/mountinfo");
			}
			return found(CgroupLocation.V2, mount, v2Path, "memory.current");
		}
		return CgroupLocation.unavailable("no memory cgroup: /proc/self/cgroup has neither a v1 memory line nor a v2 "
				+ "line");
	}

	private CgroupLocation found(String version, Mount mount, String cgroupPath, String probeFile) {
		Path mountPoint = this.root.resolve(mount.mountPoint().substring(1));
		Path directory = resolve(mountPoint, mount.root(), cgroupPath);
		if (!Files.isRegularFile(directory.resolve(probeFile))) {
			if (CgroupLocation.V2.equals(version)) {
				return CgroupLocation.unavailable("cgroup v2 directory " + directory + " has no " + probeFile
						+ ": the memory controller is not enabled for it (cgroup.subtree_control of its parent)");
			}
			return CgroupLocation.unavailable("cgroup " + version + " directory " + directory + " (from "
					+ cgroupPath + ") has no " + probeFile + ": not visible in this mount namespace");
		}
		return CgroupLocation.found(version, directory, mountPoint);
	}

	/**
	 * The directory of a cgroup path in a mount of its hierarchy: below the mount point by the path's part under the
	 * mount's root; the mount point itself when the path is the root, or when it lies outside it (a cgroup namespace
	 * shows {@code /} while the mount's root is the container's own cgroup).
	 */
	static Path resolve(Path mountPoint, String mountRoot, String cgroupPath) {
		String relative;
		if ("/".equals(mountRoot)) {
			relative = cgroupPath;
		}
		else if (cgroupPath.equals(mountRoot)) {
			relative = "/";
		}
		else if (cgroupPath.startsWith(mountRoot + "/")) {
			relative = cgroupPath.substring(mountRoot.length());
		}
		else {
			relative = "/";
		}
		Path directory = mountPoint;
		for (String part : relative.split("/")) {
			if (!part.isEmpty() && !"..".equals(part) && !".".equals(part)) {
				directory = directory.resolve(part);
			}
		}
		return directory;
	}

	static List<Mount> mounts(List<String> mountinfo) {
		List<Mount> mounts = new ArrayList<>();
		for (String line : mountinfo) {
			String[] fields = line.split(" ");
			int separator = Arrays.asList(fields).indexOf("-");
			if (separator < 6 || fields.length < separator + 3) {
				continue;
			}
			mounts.add(new Mount(unescape(fields[3]), unescape(fields[4]), fields[separator + 1],
					List.of(fields[separator + 3].split(","))));
		}
		return mounts;
	}

	/** Mount-table fields escape space, tab, newline and backslash as three octal digits. */
	private static String unescape(String field) {
		if (field.indexOf('\\') < 0) {
			return field;
		}
		StringBuilder out = new StringBuilder(field.length());
		for (int i = 0; i < field.length(); i++) {
			char c = field.charAt(i);
			if (c == '\\' && i + 3 < field.length()
					&& field.substring(i + 1, i + 4).chars().allMatch((d) -> d >= '0' && d <= '7')) {
				out.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
				i += 3;
			}
			else {
				out.append(c);
			}
		}
		return out.toString();
	}

	/**
	 * One mount of the mount table.
	 *
	 * @param root the root of the mount within its file system (for cgroups: within the hierarchy)
	 * @param mountPoint where it is mounted
	 * @param fsType the file-system type
	 * @param superOptions the per-superblock options (for v1 cgroups: the controllers)
	 */
	record Mount(String root, String mountPoint, String fsType, List<String> superOptions) {
	}

}
