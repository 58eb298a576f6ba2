package dev.memoryaudit.audit.spring;

import java.util.function.Supplier;

import org.apache.catalina.startup.Tomcat;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;

/**
 * Supplies the embedded {@link Tomcat} of a web-server application context, {@code null} before the server is
 * created or when it is not Tomcat.
 */
public final class EmbeddedTomcat implements Supplier<@Nullable Tomcat> {

	private final ApplicationContext context;

	public EmbeddedTomcat(ApplicationContext context) {
		this.context = context;
	}

	@Override
	public @Nullable Tomcat get() {
		if (this.context instanceof WebServerApplicationContext web
				&& web.getWebServer() instanceof TomcatWebServer tomcat) {
			return tomcat.getTomcat();
		}
		return null;
	}

}
