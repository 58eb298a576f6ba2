package dev.memoryaudit.audit.sessions;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.apache.catalina.Container;
import org.apache.catalina.Context;
import org.apache.catalina.Manager;
import org.apache.catalina.session.ManagerBase;
import org.apache.catalina.startup.Tomcat;
import org.jspecify.annotations.Nullable;

/**
 * Reads the session {@link Manager} of every context of an embedded {@link Tomcat}: active sessions, the
 * {@code maxActiveSessions} bound, the context's session timeout, and the created, expired and rejected counters.
 */
public final class TomcatSessionSource implements SessionSource {

	private final Supplier<@Nullable Tomcat> tomcat;

	/**
	 * Creates a source.
	 * @param tomcat supplies the embedded Tomcat, {@code null} before it started or when there is none
	 */
	public TomcatSessionSource(Supplier<@Nullable Tomcat> tomcat) {
		this.tomcat = tomcat;
	}

	@Override
	public @Nullable List<SessionFigures> read() {
		Tomcat server = this.tomcat.get();
		if (server == null) {
			return null;
		}
		List<SessionFigures> figures = new ArrayList<>();
		for (Container child : server.getHost().findChildren()) {
			if (child instanceof Context context && context.getManager() != null) {
				Manager manager = context.getManager();
				int max = (manager instanceof ManagerBase base) ? base.getMaxActiveSessions() : -1;
				figures.add(new SessionFigures(context.getPath(), manager.getClass().getName(),
						manager.getActiveSessions(), max, context.getSessionTimeout() * 60L,
						manager.getSessionCounter(), manager.getExpiredSessions(), manager.getRejectedSessions(),
						manager.getMaxActive()));
			}
		}
		return figures;
	}

}
