package dev.memoryaudit.sample.springleaks;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * Sends the requests of the switchable Spring-service leaks to this app over HTTP, one request per running case every
 * {@link #INTERVAL_MILLIS} ms from one daemon thread, through a {@link RestClient} observed like Boot's own (so that
 * {@code http.client.requests} is recorded). Each case stops by itself after {@link #MAX_REQUESTS} requests; what it
 * leaked stays until the application context closes, as a real leak would.
 */
@Component
public class SpringLeaksWorkload implements DisposableBean {

	/** Time between two rounds of requests. */
	public static final long INTERVAL_MILLIS = 25;

	/** Requests per case after which it stops by itself. */
	public static final long MAX_REQUESTS = 50_000;

	private final Environment environment;

	private final ObservationRegistry observations;

	private final GreetingService greetings;

	private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor((runnable) -> {
		Thread thread = new Thread(runnable, "sample-spring-leaks");
		thread.setDaemon(true);
		return thread;
	});

	private final ExecutorService httpWorker = Executors.newSingleThreadExecutor((runnable) -> {
		Thread thread = new Thread(runnable, "sample-spring-leaks-http");
		thread.setDaemon(true);
		return thread;
	});

	private final Map<SpringLeak, AtomicLong> requests = new EnumMap<>(SpringLeak.class);

	private final Map<SpringLeak, Boolean> running = new EnumMap<>(SpringLeak.class);

	private final AtomicLong failures = new AtomicLong();

	private RestClient client;

	private String sessionCookie;

	private ScheduledFuture<?> task;

	public SpringLeaksWorkload(Environment environment, ObjectProvider<ObservationRegistry> observations,
			GreetingService greetings) {
		this.environment = environment;
		this.observations = observations.getIfAvailable(() -> ObservationRegistry.NOOP);
		this.greetings = greetings;
		for (SpringLeak leak : SpringLeak.values()) {
			this.requests.put(leak, new AtomicLong());
			this.running.put(leak, false);
		}
	}

	public synchronized void start(SpringLeak leak) {
		this.running.put(leak, true);
		if (this.task == null) {
			this.task = this.ticker.scheduleWithFixedDelay(this::round, 0, INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
		}
	}

	public synchronized void stop(SpringLeak leak) {
		this.running.put(leak, false);
		if (!this.running.containsValue(true) && this.task != null) {
			this.task.cancel(false);
			this.task = null;
		}
	}

	public synchronized SpringLeaksStatus status() {
		Map<String, Boolean> on = new LinkedHashMap<>();
		Map<String, Long> sent = new LinkedHashMap<>();
		for (SpringLeak leak : SpringLeak.values()) {
			on.put(leak.value(), this.running.get(leak));
			sent.put(leak.value(), this.requests.get(leak).get());
		}
		return new SpringLeaksStatus(on, sent, this.failures.get(), this.greetings.leakedClasses());
	}

	private void round() {
		List<SpringLeak> cases;
		synchronized (this) {
			cases = this.running.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey).toList();
		}
		for (SpringLeak leak : cases) {
			long n = this.requests.get(leak).incrementAndGet();
			if (n > MAX_REQUESTS) {
				stop(leak);
				continue;
			}
			try {
				send(leak, n);
			}
			catch (RuntimeException ex) {
				this.failures.incrementAndGet();
			}
		}
	}

	private void send(SpringLeak leak, long n) {
		RestClient rest = client();
		switch (leak) {
			// the classic: the id concatenated into the string, which RestClient takes as the URI template
			case RAW_URI -> rest.get().uri("/spring-leaks/echo/" + n).retrieve().toBodilessEntity();
			case CLASS_LOADERS -> rest.get().uri("/spring-leaks/greet?name={name}&leak=true", n).retrieve()
				.toBodilessEntity();
			// no cookie sent back: every request starts a new session
			case SESSIONS -> rest.get().uri("/spring-leaks/session").retrieve().toBodilessEntity();
			case HEALTHY -> {
				rest.get().uri("/spring-leaks/echo/{id}", n).retrieve().toBodilessEntity();
				rest.get().uri("/spring-leaks/greet?name={name}&leak=false", n).retrieve().toBodilessEntity();
				healthySession(rest);
			}
		}
	}

	private void healthySession(RestClient rest) {
		if (this.sessionCookie == null) {
			ResponseEntity<Void> first = rest.get().uri("/spring-leaks/session").retrieve().toBodilessEntity();
			String setCookie = first.getHeaders().getFirst(HttpHeaders.SET_COOKIE);
			this.sessionCookie = (setCookie != null) ? setCookie.split(";", 2)[0] : "";
		}
		else {
			rest.get().uri("/spring-leaks/session").header(HttpHeaders.COOKIE, this.sessionCookie).retrieve()
				.toBodilessEntity();
		}
	}

	private RestClient client() {
		if (this.client == null) {
			String port = this.environment.getRequiredProperty("local.server.port");
			// one fixed worker: the default cached pool adds HttpClient-*-Worker-* threads under load
			HttpClient http = HttpClient.newBuilder()
				.connectTimeout(Duration.ofSeconds(2))
				.executor(this.httpWorker)
				.build();
			JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(http);
			factory.setReadTimeout(Duration.ofSeconds(5));
			this.client = RestClient.builder()
				.baseUrl("http://127.0.0.1:" + port)
				.requestFactory(factory)
				.observationRegistry(this.observations)
				.build();
		}
		return this.client;
	}

	@Override
	public void destroy() {
		synchronized (this) {
			this.running.replaceAll((leak, on) -> false);
		}
		this.ticker.shutdownNow();
		this.httpWorker.shutdownNow();
		this.greetings.clear();
	}

}
