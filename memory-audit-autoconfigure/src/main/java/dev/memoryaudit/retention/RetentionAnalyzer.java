package dev.memoryaudit.retention;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.memoryaudit.histogram.LeakSuspect;
import jdk.jfr.consumer.RecordedClass;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedObject;
import jdk.jfr.consumer.RecordingFile;
import org.jspecify.annotations.Nullable;

/**
 * Reads {@code jdk.OldObjectSample} events from a dump and groups them into retention paths: object type, then each
 * field or array element up to the GC root (or as far as JFR followed it), then the root, and where the samples were
 * allocated. Samples with the same path, root and allocation site form one group, so that thousands of samples of one
 * leak read as one.
 */
public final class RetentionAnalyzer {

	private static final int MAX_STEPS = 400;

	private static final java.util.regex.Pattern HIDDEN_CLASS =
			java.util.regex.Pattern.compile("^(.+)\\+(0x[0-9a-fA-F]+)\\.[0-9]+$");

	private final int maxPaths;

	public RetentionAnalyzer(int maxPaths) {
		this.maxPaths = maxPaths;
	}

	/**
	 * Reads a dump and ranks its paths: paths through growing classes first (by suspect rank), then by samples.
	 * @param file the dump
	 * @param suspects leak suspects from the histogram history, most suspicious first
	 * @return the analysis
	 * @throws IOException when the file cannot be read
	 */
	public RetentionAnalysis analyze(Path file, List<LeakSuspect> suspects) throws IOException {
		// a dump of a running recording holds every chunk since it started, and each earlier dump emitted the
		// samples of its moment into one: only the latest emission says what is alive now, with today's ages and sizes
		List<RecordedEvent> latest = new ArrayList<>();
		Instant latestEnd = null;
		try (RecordingFile recording = new RecordingFile(file)) {
			while (recording.hasMoreEvents()) {
				RecordedEvent event = recording.readEvent();
				if (!RetentionRecorder.EVENT.equals(event.getEventType().getName())) {
					continue;
				}
				Instant end = event.getEndTime();
				if (latestEnd == null || end.isAfter(latestEnd)) {
					latest.clear();
					latestEnd = end;
				}
				if (end.equals(latestEnd)) {
					latest.add(event);
				}
			}
		}
		Map<String, Group> groups = new LinkedHashMap<>();
		int samples = 0;
		int withRoot = 0;
		for (RecordedEvent event : latest) {
			samples++;
			RecordedObject root = event.hasField("root") ? event.getValue("root") : null;
			if (root != null) {
				withRoot++;
			}
			Sample sample = sample(event.getValue("object"), root, AllocationSite.of(event.getStackTrace()));
			if (sample != null) {
				groups.computeIfAbsent(sample.key(), (key) -> new Group(sample))
					.add(ageMillis(event), sample.containers());
			}
		}
		List<String> suspectNames = suspects.stream().filter(LeakSuspect::suspect).map(LeakSuspect::className).toList();
		List<RetentionPath> paths = new ArrayList<>();
		for (Group group : groups.values()) {
			List<String> onPath = new ArrayList<>();
			int rank = -1;
			for (int i = 0; i < suspectNames.size(); i++) {
				if (group.sample.types.contains(suspectNames.get(i))) {
					onPath.add(suspectNames.get(i));
					rank = (rank < 0) ? i : rank;
				}
			}
			Sample s = group.sample;
			paths.add(new RetentionPath(s.objectType, s.chain, s.holder, s.root, group.count, onPath, rank, s.site,
					group.medianAgeMillis(), List.copyOf(s.types), group.containers));
		}
		paths.sort(Comparator.comparing(RetentionPath::rooted).reversed()
			.thenComparingInt((RetentionPath p) -> (p.suspectRank() < 0) ? Integer.MAX_VALUE : p.suspectRank())
			.thenComparing(Comparator.comparingInt(RetentionPath::samples).reversed()));
		return new RetentionAnalysis(samples, withRoot, paths.subList(0, Math.min(this.maxPaths, paths.size())));
	}

	/**
	 * How long the sampled object had lived when the dump was taken, or -1 when the event does not say.
	 */
	static long ageMillis(RecordedEvent event) {
		try {
			if (event.hasField("objectAge")) {
				return event.getDuration("objectAge").toMillis();
			}
			if (event.hasField("allocationTime")) {
				return Math.max(0, Duration.between(event.getInstant("allocationTime"), event.getEndTime()).toMillis());
			}
		}
		catch (RuntimeException ex) {
			// an event layout this JDK does not have
		}
		return -1;
	}

	private static @Nullable Sample sample(@Nullable RecordedObject object, @Nullable RecordedObject root,
			AllocationSite site) {
		if (object == null) {
			return null;
		}
		List<String> chain = new ArrayList<>();
		Set<String> types = new LinkedHashSet<>();
		// the holder is the static field or thread-locals nearest the object: on JDK 25 the chain goes on past the
		// user's static field, through its class and class loader, up to static ClassLoaders.APP_LOADER
		String nearestHolder = null;
		// failing both, the application's own field that holds the growth: the outermost field of an application class
		// (not anonymous, not a lambda) before the path enters framework code (a Spring bean's field, say)
		String applicationField = null;
		boolean enteredFramework = false;
		// collections whose size JFR wrote ("Size: 1234") and arrays by their length, by the chain index of the step
		// out of each
		Map<Integer, Sized> sizedAt = new LinkedHashMap<>();
		RecordedClass type = object.getValue("type");
		String objectType = readable(type);
		chain.add(simple(objectType));
		types.add(name(type));
		RecordedObject current = object;
		for (int steps = 0; steps < MAX_STEPS; steps++) {
			RecordedObject reference = current.getValue("referrer");
			if (reference == null) {
				break;
			}
			RecordedObject holder = reference.getValue("object");
			if (holder == null) {
				break;
			}
			int skipped = reference.hasField("skip") ? reference.getInt("skip") : 0;
			if (skipped > 0) {
				chain.add("... " + skipped + " more");
			}
			RecordedClass holderType = holder.getValue("type");
			types.add(name(holderType));
			RecordedObject field = reference.getValue("field");
			RecordedObject array = reference.getValue("array");
			String description = holder.getValue("description");
			Integer size = size(description);
			if (size != null) {
				// the step that leaves this container (its referrer) is the next one added to the chain
				sizedAt.put(chain.size() + 1, new Sized(simple(readable(holderType)), size));
			}
			if (field != null) {
				String fieldName = field.getString("name");
				boolean isStatic = Modifier.isStatic(field.getInt("modifiers"));
				if (isStatic && "java.lang.Class".equals(name(holderType))) {
					String declaring = after(description, "Class Name: ");
					String step = "static " + ((declaring != null) ? declaring : "?") + "." + fieldName;
					chain.add(step);
					// a static field the walk reaches after the application's field, inside framework code, is how
					// the framework is reachable, not who holds the growth
					if (nearestHolder == null && !enteredFramework) {
						nearestHolder = step.replaceFirst("^static ", "static field ");
					}
				}
				else {
					chain.add(simple(readable(holderType)) + "." + fieldName);
					String owner = name(holderType);
					if (!enteredFramework && isNamedApplicationClass(owner)) {
						applicationField = "field " + simple(readable(holderType)) + "." + fieldName;
					}
					String thread = after(description, "Thread Name: ");
					if (nearestHolder == null && !enteredFramework
							&& ("threadLocals".equals(fieldName) || "inheritableThreadLocals".equals(fieldName))) {
						// pooled threads differ by a number only: one group, named by the pool's pattern
						nearestHolder = "thread-locals of thread "
								+ ((thread != null) ? thread.replaceAll("\\d+$", "*") : "?");
					}
				}
			}
			else if (array != null) {
				if (size == null && array.hasField("size")) {
					// an array's length: a copy-on-write list's exact size, or a table's or a buffer's capacity
					sizedAt.put(chain.size() + 1,
							new Sized(simple(readable(holderType)) + RetentionPath.LENGTH, array.getInt("size")));
				}
				chain.add(simple(readable(holderType)) + " element");
			}
			else {
				chain.add(simple(readable(holderType)));
			}
			if (applicationField != null && isFrameworkBeyondJdk(name(holderType))) {
				enteredFramework = true;
			}
			current = holder;
		}
		String rootText = root(root);
		String holderText = (nearestHolder != null) ? nearestHolder
				: (applicationField != null) ? applicationField : rootText;
		Map<String, Integer> containers = new LinkedHashMap<>();
		sizedAt.forEach((next, sized) -> {
			String name = (next < chain.size() && !chain.get(next).startsWith("... "))
					? sized.container() + " in " + chain.get(next) : sized.container();
			containers.merge(name, sized.size(), Math::max);
		});
		return new Sample(objectType, chain, types, holderText, rootText, site, containers);
	}

	/** The size JFR writes into the description of an object with an {@code int size} field, or {@code null}. */
	static @Nullable Integer size(@Nullable String description) {
		String text = after(description, "Size: ");
		if (text == null) {
			return null;
		}
		try {
			return Integer.valueOf(text);
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	/** An application class with a name of its own: not framework or JDK code, not anonymous, not a lambda. */
	static boolean isNamedApplicationClass(String className) {
		// a Spring CGLIB subclass (Config$$SpringCGLIB$$0) stands for the class it extends
		String name = className.replaceFirst("\\$\\$SpringCGLIB\\$\\$[0-9]+$", "");
		return !"?".equals(name) && !name.startsWith("[") && !AllocationSite.isFramework(name)
				&& !name.contains("$$Lambda") && !name.matches(".*\\$[0-9]+$");
	}

	/** Framework code other than the JDK's own collections and arrays (a Spring bean factory, a Tomcat session). */
	static boolean isFrameworkBeyondJdk(String className) {
		return !className.startsWith("[") && !className.startsWith("java.") && !className.startsWith("jdk.")
				&& AllocationSite.isFramework(className);
	}

	static String root(@Nullable RecordedObject root) {
		if (root == null) {
			return RetentionPath.NO_ROOT;
		}
		String system = root.getString("system");
		String type = root.getString("type");
		String description = root.getString("description");
		if (system != null && system.startsWith("Threads")) {
			String thread = after(description, "Thread Name: ");
			return "thread stack of thread " + ((thread != null) ? thread : "?")
					+ ((type != null) ? " (" + type + ")" : "");
		}
		if (system != null && system.contains("JNI")) {
			return "JNI global" + ((type != null) ? " (" + type + ")" : "");
		}
		if (system != null && system.startsWith("Class Loader Data")) {
			return "class loader data" + ((description != null) ? " (" + description + ")" : "");
		}
		return String.valueOf(system) + ((type != null) ? " / " + type : "")
				+ ((description != null) ? " (" + description + ")" : "");
	}

	private static @Nullable String after(@Nullable String text, String prefix) {
		if (text == null) {
			return null;
		}
		int at = text.indexOf(prefix);
		return (at < 0) ? null : text.substring(at + prefix.length()).trim();
	}

	private static String name(@Nullable RecordedClass type) {
		return (type != null) ? histogramName(type.getName()) : "?";
	}

	/**
	 * A class name as JFR writes it made the name the class histogram gives, so that the two match: a hidden class
	 * (a lambda) is {@code Foo$$Lambda$287+0x00007fd854150a08.381708767} in JFR and
	 * {@code Foo$$Lambda$287/0x00007fd854150a08} in the histogram.
	 * @param jfrName the name in the recording
	 * @return the name in the histogram
	 */
	static String histogramName(String jfrName) {
		return HIDDEN_CLASS.matcher(jfrName).replaceFirst("$1/$2");
	}

	/**
	 * A JVM class name made readable: {@code [B} becomes {@code byte[]}, {@code [Ljava.lang.Object;} becomes
	 * {@code java.lang.Object[]}.
	 * @param type the class
	 * @return the readable name
	 */
	static String readable(@Nullable RecordedClass type) {
		return readable(name(type));
	}

	static String readable(String name) {
		int dims = 0;
		while (dims < name.length() && name.charAt(dims) == '[') {
			dims++;
		}
		if (dims == 0) {
			return name;
		}
		String element = name.substring(dims);
		String base = switch (element) {
			case "B" -> "byte";
			case "C" -> "char";
			case "I" -> "int";
			case "J" -> "long";
			case "S" -> "short";
			case "Z" -> "boolean";
			case "F" -> "float";
			case "D" -> "double";
			default -> (element.startsWith("L") && element.endsWith(";"))
					? element.substring(1, element.length() - 1) : element;
		};
		return base + "[]".repeat(dims);
	}

	static String simple(String readable) {
		// hidden classes (lambdas) carry an address suffix that differs per run: keep "Outer$$Lambda" only
		int lambda = readable.indexOf("$$Lambda");
		String name = (lambda < 0) ? readable : readable.substring(0, lambda + "$$Lambda".length());
		int dot = name.lastIndexOf('.');
		return (dot < 0) ? name : name.substring(dot + 1);
	}

	/** A collection (or array) on a path and its size (or length) at the dump. */
	private record Sized(String container, int size) {
	}

	private record Sample(String objectType, List<String> chain, Set<String> types, String holder, String root,
			AllocationSite site, Map<String, Integer> containers) {

		/** The signature: same path, same root kind, same allocation site (LeakCanary groups the same way). */
		String key() {
			return String.join(" <- ", this.chain) + " | " + this.root + " | " + String.join(" < ", this.site.frames());
		}

	}

	private static final class Group {

		private final Sample sample;

		private int count;

		private final List<Long> ages = new ArrayList<>();

		/** The largest size of each container over the group's samples (one map holds many lists, say). */
		private final Map<String, Integer> containers = new LinkedHashMap<>();

		Group(Sample sample) {
			this.sample = sample;
		}

		void add(long ageMillis, Map<String, Integer> sampleContainers) {
			this.count++;
			sampleContainers.forEach((name, size) -> this.containers.merge(name, size, Math::max));
			if (ageMillis >= 0) {
				this.ages.add(ageMillis);
			}
		}

		long medianAgeMillis() {
			if (this.ages.isEmpty()) {
				return -1;
			}
			List<Long> sorted = new ArrayList<>(this.ages);
			sorted.sort(null);
			return sorted.get(sorted.size() / 2);
		}

	}

}
