package dev.memoryaudit.snapshot;

import org.jspecify.annotations.Nullable;

/**
 * A {@link ProcessProbe} that answers fixed figures, {@code null} for unavailable ones.
 *
 * @param rssBytes resident set size
 * @param openFileDescriptors open file descriptors
 * @param maxFileDescriptors file descriptor limit
 */
public record FixedProcessProbe(@Nullable Long rssBytes, @Nullable Long openFileDescriptors,
		@Nullable Long maxFileDescriptors) implements ProcessProbe {

	/**
	 * A probe with no figures at all.
	 * @return the probe
	 */
	public static FixedProcessProbe none() {
		return new FixedProcessProbe(null, null, null);
	}

}
