package dev.memoryaudit.container;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.memoryaudit.nativememory.NativeMemoryTracking;
import dev.memoryaudit.snapshot.PoolFigures;
import dev.memoryaudit.snapshot.Snapshot;
import org.jspecify.annotations.Nullable;

/**
 * The container's usage split into what it is made of, from one snapshot, so that the parts add up to the usage:
 * what the JVM accounts for (heap committed, metaspace, compressed class space, code cache, direct buffers; or, with
 * Native Memory Tracking on, every NMT category's committed bytes instead), the page cache, and the unexplained rest
 * (thread stacks and malloc arenas without NMT, kernel memory, minus committed memory the process has not touched
 * yet, so it can be negative).
 *
 * @param usageBytes the container usage the parts add up to
 * @param parts the parts, JVM parts first, then {@value #PAGE_CACHE} and {@value #UNEXPLAINED}
 * @param basis {@code nmt} (NMT categories) or {@code mxbeans} (memory pools and buffer pools)
 */
public record ContainerBreakdown(long usageBytes, List<Part> parts, String basis) {

	/** The part for file-backed memory. */
	public static final String PAGE_CACHE = "page-cache";

	/** The balancing part: usage minus everything else. */
	public static final String UNEXPLAINED = "unexplained";

	public ContainerBreakdown {
		parts = List.copyOf(parts);
	}

	/**
	 * One part of the usage.
	 *
	 * @param name a short, stable name ({@code heap}, {@code metaspace}, {@code direct-buffers}, {@code nmt:Thread},
	 * {@code page-cache}, {@code unexplained}, ...)
	 * @param bytes its size
	 * @param what what it holds, in words
	 */
	public record Part(String name, long bytes, String what) {
	}

	/**
	 * The breakdown of a snapshot that carries container figures.
	 * @param snapshot the snapshot
	 * @return the breakdown, {@code null} when the snapshot has no container usage
	 */
	public static @Nullable ContainerBreakdown of(Snapshot snapshot) {
		Map<String, Long> extra = snapshot.extraSeries();
		Long usage = extra.get(ContainerMemorySampler.USAGE);
		if (usage == null) {
			return null;
		}
		List<Part> parts = new ArrayList<>();
		List<Map.Entry<String, Long>> nmt = extra.entrySet()
			.stream()
			.filter((e) -> e.getKey().startsWith(NativeMemoryTracking.SERIES_PREFIX)
					&& !e.getKey().equals(NativeMemoryTracking.TOTAL_SERIES))
			.sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
			.toList();
		String basis;
		if (!nmt.isEmpty()) {
			basis = "nmt";
			for (Map.Entry<String, Long> category : nmt) {
				String name = category.getKey().substring(NativeMemoryTracking.SERIES_PREFIX.length());
				parts.add(nmtPart(name, category.getValue(), snapshot));
			}
		}
		else {
			basis = "mxbeans";
			parts.add(new Part("heap", snapshot.heap().committed(), "Java heap, committed"));
			long metaspace = 0;
			long classSpace = 0;
			long codeCache = 0;
			long otherNonHeap = 0;
			for (PoolFigures pool : snapshot.pools()) {
				if (pool.heap()) {
					continue;
				}
				String name = pool.name();
				if (name.equals("Metaspace")) {
					metaspace += pool.committed();
				}
				else if (name.equals("Compressed Class Space")) {
					classSpace += pool.committed();
				}
				else if (name.startsWith("CodeHeap") || name.equals("CodeCache") || name.equals("Code Cache")) {
					codeCache += pool.committed();
				}
				else {
					otherNonHeap += pool.committed();
				}
			}
			parts.add(new Part("metaspace", metaspace, "class metadata, committed"));
			if (classSpace > 0) {
				parts.add(new Part("compressed-class-space", classSpace, "compressed class pointers' space, committed"));
			}
			parts.add(new Part("code-cache", codeCache, "JIT-compiled code, committed"));
			if (otherNonHeap > 0) {
				parts.add(new Part("non-heap-other", otherNonHeap, "other non-heap pools, committed"));
			}
			parts.add(new Part("direct-buffers", snapshot.directBufferBytes(),
					"direct ByteBuffers (ByteBuffer.allocateDirect, Netty without its own allocator, NIO)"));
		}
		Long pageCache = extra.get(ContainerMemorySampler.PAGE_CACHE);
		long explained = parts.stream().mapToLong(Part::bytes).sum();
		if (pageCache != null) {
			explained += pageCache;
			String mapped = (snapshot.mappedBufferBytes() > 0)
					? "; holds the mapped buffers (" + dev.memoryaudit.trend.Units.bytes(snapshot.mappedBufferBytes())
							+ ")"
					: "";
			parts.add(new Part(PAGE_CACHE, pageCache, "file pages: page cache and mapped files, reclaimable while "
					+ "inactive" + mapped));
		}
		parts.add(new Part(UNEXPLAINED, usage - explained, "nmt".equals(basis)
				? "what NMT does not track: malloc arena overhead, native libraries' own allocations, kernel memory; "
						+ "negative when committed memory is not yet resident"
				: "thread stacks (" + snapshot.threads().live() + " threads), GC and JIT structures, malloc arenas, "
						+ "native libraries, kernel memory, minus committed memory not yet resident; turn on "
						+ "-XX:NativeMemoryTracking=summary to split it"));
		return new ContainerBreakdown(usage, parts, basis);
	}

	private static Part nmtPart(String category, long bytes, Snapshot snapshot) {
		return switch (category) {
			case "Java Heap" -> new Part("heap", bytes, "Java heap, committed (NMT)");
			case "Thread" -> new Part("nmt:Thread", bytes,
					"thread stacks and thread structures (" + snapshot.threads().live() + " threads)");
			case "Other" -> new Part("nmt:Other", bytes, "includes direct ByteBuffers ("
					+ dev.memoryaudit.trend.Units.bytes(snapshot.directBufferBytes()) + ")");
			default -> new Part("nmt:" + category, bytes, "NMT category " + category + ", committed");
		};
	}

	/**
	 * A part by name.
	 * @param name the part's name
	 * @return its bytes, {@code null} when this breakdown has no such part
	 */
	public @Nullable Long bytes(String name) {
		return this.parts.stream().filter((p) -> p.name().equals(name)).map(Part::bytes).findFirst().orElse(null);
	}

}
