package dev.memoryaudit.audit.sessions;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Reads the session managers of the servlet container.
 */
@FunctionalInterface
public interface SessionSource {

	/**
	 * Reads every web application's sessions now.
	 * @return one entry per context, {@code null} when there is no container (yet)
	 */
	@Nullable List<SessionFigures> read();

	/**
	 * Sessions of one web application.
	 *
	 * @param context the context path ({@code ""} for the root)
	 * @param manager the session manager's class
	 * @param active active sessions now
	 * @param maxActiveSessions the bound on active sessions, {@code -1} when unlimited
	 * @param timeoutSeconds how long a session lives after its last request; 0 or less never expires
	 * @param created sessions created since start
	 * @param expired sessions expired since start
	 * @param rejected sessions refused at the bound since start
	 * @param peak the most active sessions seen at once
	 */
	record SessionFigures(String context, String manager, int active, int maxActiveSessions, long timeoutSeconds,
			long created, long expired, long rejected, int peak) {

		/**
		 * Whether a bound limits active sessions.
		 * @return true when {@code maxActiveSessions} is set
		 */
		public boolean bounded() {
			return this.maxActiveSessions >= 0;
		}

	}

}
