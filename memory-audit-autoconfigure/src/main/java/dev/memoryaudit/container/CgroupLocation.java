package dev.memoryaudit.container;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

/**
 * Where the memory cgroup of this process is, or why it could not be found.
 *
 * @param version {@code v1} or {@code v2}, {@code null} when unavailable
 * @param directory the cgroup's directory, {@code null} when unavailable
 * @param mountPoint where the hierarchy holding it is mounted (its ancestors up to here are read for v2 limits),
 * {@code null} when unavailable
 * @param unavailableReason why no cgroup was found, {@code null} when found
 */
public record CgroupLocation(@Nullable String version, @Nullable Path directory, @Nullable Path mountPoint,
		@Nullable String unavailableReason) {

	/** The cgroup v1 layout: {@code memory.limit_in_bytes}, {@code memory.usage_in_bytes} and friends. */
	public static final String V1 = "v1";

	/** The cgroup v2 (unified) layout: {@code memory.max}, {@code memory.current} and friends. */
	public static final String V2 = "v2";

	/**
	 * A found cgroup.
	 * @param version {@link #V1} or {@link #V2}
	 * @param directory its directory
	 * @param mountPoint where its hierarchy is mounted
	 * @return the location
	 */
	public static CgroupLocation found(String version, Path directory, Path mountPoint) {
		return new CgroupLocation(version, directory, mountPoint, null);
	}

	/**
	 * No cgroup.
	 * @param why why not, for the report
	 * @return the location
	 */
	public static CgroupLocation unavailable(String why) {
		return new CgroupLocation(null, null, null, why);
	}

	/**
	 * Whether a cgroup was found.
	 * @return {@code true} when {@link #directory()} can be read
	 */
	public boolean available() {
		return this.directory != null && this.version != null;
	}

}
