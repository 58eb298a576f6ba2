package dev.memoryaudit.audit.sessions;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.memoryaudit.audit.Finding;
import dev.memoryaudit.audit.LeakProbe;
import dev.memoryaudit.audit.ProbeRow;
import dev.memoryaudit.audit.SeriesKeys;
import dev.memoryaudit.audit.Severity;
import dev.memoryaudit.trend.SeriesAssessment;
import org.jspecify.annotations.Nullable;

/**
 * Follows the active HTTP sessions of each web application as a structure with its bound ({@code maxActiveSessions})
 * and timeout, and their trend: sessions that grow significantly are reported with the bound that is missing (or how
 * full the bound is) and how long each session lives.
 */
public final class HttpSessionProbe implements LeakProbe {

	/** Name of this probe. */
	public static final String NAME = "http-sessions";

	/** Prefix of the per-context series of active sessions. */
	public static final String PREFIX = "sessions.active.";

	/** Gauge of the bound on active sessions, {@code NaN} when unbounded, tagged {@code context}. */
	public static final String MAX_GAUGE = "memory.audit.http.sessions.max";

	/** Gauge of the session timeout, tagged {@code context}. */
	public static final String TIMEOUT_GAUGE = "memory.audit.http.sessions.timeout";

	/** Contexts followed at most. */
	static final int MAX_CONTEXTS = 10;

	private final SessionSource source;

	private final long minGrowth;

	private final SeriesKeys keys = new SeriesKeys(PREFIX, MAX_CONTEXTS);

	private volatile @Nullable List<SessionSource.SessionFigures> latest;

	private volatile @Nullable String unavailable = "unavailable: no embedded servlet container seen yet";

	/**
	 * Creates the probe.
	 * @param source reads the session managers
	 * @param minGrowth active sessions added over the trend window below which they are not growing
	 */
	public HttpSessionProbe(SessionSource source, long minGrowth) {
		this.source = source;
		this.minGrowth = minGrowth;
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public Map<String, Long> sample() {
		List<SessionSource.SessionFigures> figures;
		try {
			figures = this.source.read();
		}
		catch (RuntimeException | LinkageError ex) {
			this.unavailable = "unavailable: reading the session managers failed: " + ex;
			this.latest = null;
			return Map.of();
		}
		if (figures == null) {
			this.unavailable = "unavailable: no embedded Tomcat in this application (sessions of other containers are "
					+ "not read)";
			this.latest = null;
			return Map.of();
		}
		List<SessionSource.SessionFigures> kept = figures.stream().limit(MAX_CONTEXTS).toList();
		this.latest = kept;
		this.unavailable = null;
		Map<String, Long> series = new LinkedHashMap<>();
		kept.forEach((f) -> series.put(this.keys.of(contextName(f.context())), (long) f.active()));
		return series;
	}

	@Override
	public ProbeRow assess(Trends trends) {
		List<SessionSource.SessionFigures> figures = this.latest;
		String why = this.unavailable;
		if (figures == null) {
			return ProbeRow.unavailable(NAME, (why != null) ? why : "unavailable: not sampled yet");
		}
		List<SeriesAssessment> assessed = new ArrayList<>();
		List<SeriesAssessment> growing = new ArrayList<>();
		List<Finding> findings = new ArrayList<>();
		List<Map<String, Object>> contexts = new ArrayList<>();
		List<ProbeRow.Measure> measures = new ArrayList<>();
		StringBuilder summary = new StringBuilder();
		for (SessionSource.SessionFigures f : figures) {
			String name = contextName(f.context());
			SeriesAssessment trend = trends.assess(this.keys.of(name), "sessions", this.minGrowth);
			assessed.add(trend);
			Map<String, Object> row = new LinkedHashMap<>();
			row.put("context", name);
			row.put("manager", f.manager());
			row.put("active", f.active());
			row.put("maxActiveSessions", f.maxActiveSessions());
			row.put("bound", f.bounded() ? String.valueOf(f.maxActiveSessions()) : "unbounded");
			row.put("timeoutSeconds", f.timeoutSeconds());
			row.put("created", f.created());
			row.put("expired", f.expired());
			row.put("rejected", f.rejected());
			row.put("peak", f.peak());
			row.put("verdict", trend.verdict());
			contexts.add(row);
			if (!summary.isEmpty()) {
				summary.append("; ");
			}
			summary.append(name).append(": ").append(f.active()).append(" active sessions, bound ")
				.append(f.bounded() ? f.maxActiveSessions() : "none").append(", timeout ")
				.append(timeout(f.timeoutSeconds())).append(", ").append(f.created()).append(" created");
			measures.add(new ProbeRow.Measure(MAX_GAUGE, Map.of("context", name),
					f.bounded() ? f.maxActiveSessions() : Double.NaN));
			measures.add(new ProbeRow.Measure(TIMEOUT_GAUGE, Map.of("context", name), f.timeoutSeconds()));
			if (trend.verdict().isGrowth()) {
				growing.add(trend);
				findings.add(finding(name, f, trend));
			}
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("contexts", contexts);
		return new ProbeRow(NAME, ProbeRow.worst(growing),
				summary.isEmpty() ? "no web application contexts" : summary.toString(), null, body, assessed, findings,
				List.of(), measures);
	}

	private static Finding finding(String name, SessionSource.SessionFigures f, SeriesAssessment trend) {
		String bound = f.bounded()
				? "bounded at maxActiveSessions=" + f.maxActiveSessions() + " (" + (100L * f.active()
						/ Math.max(1, f.maxActiveSessions())) + "% full, " + f.rejected() + " rejected)"
				: "no bound: maxActiveSessions is unlimited (-1)";
		String message = "active sessions grew from " + whole(trend.first()) + " to " + whole(trend.last()) + " ("
				+ trend.verdict() + ": " + trend.reason() + "); " + bound + ", and each session lives "
				+ timeout(f.timeoutSeconds()) + " after its last request; " + f.created() + " created, " + f.expired()
				+ " expired since start";
		String fix = "a session is created per request: a client that never sends the JSESSIONID cookie back (a bot, a "
				+ "health check, a load balancer) or code that calls request.getSession() for every request. Use "
				+ "request.getSession(false) where a session is only read, SessionCreationPolicy.STATELESS (or NEVER) "
				+ "in Spring Security for APIs, shorten server.servlet.session.timeout, and bound the sessions: a "
				+ "TomcatContextCustomizer that calls ((ManagerBase) context.getManager()).setMaxActiveSessions(n), so "
				+ "that a flood is refused instead of filling the heap";
		return new Finding("sessions " + name, "http-sessions", Severity.SESSIONS_GROWING, message, fix);
	}

	static String contextName(String path) {
		return (path == null || path.isEmpty()) ? "/" : path;
	}

	private static String timeout(long seconds) {
		if (seconds <= 0) {
			return "forever (no timeout)";
		}
		return Duration.ofSeconds(seconds).toString().substring(2).toLowerCase(java.util.Locale.ROOT);
	}

	private static String whole(@Nullable Double value) {
		return (value != null) ? String.valueOf(Math.round(value)) : "?";
	}

}
