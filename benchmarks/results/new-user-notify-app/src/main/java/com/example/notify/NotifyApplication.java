package com.example.notify;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * A notification service: renders a message for a user from a template cached per (user, channel) in an LRU map capped
 * at 20,000 entries (it fills, then churns), with scratch work per request. With --notify.leak=true, every request also
 * subscribes a delivery listener to a static event bus and never unsubscribes it.
 */
@SpringBootApplication
public class NotifyApplication {

	public static void main(String[] args) {
		SpringApplication.run(NotifyApplication.class, args);
	}

	/** The event bus every delivery listener subscribes to. */
	static final class EventBus {

		private static final List<Consumer<String>> LISTENERS = new ArrayList<>();

		static synchronized void subscribe(Consumer<String> listener) {
			LISTENERS.add(listener);
		}

		static synchronized int size() {
			return LISTENERS.size();
		}

	}

	@RestController
	static class NotifyController {

		private final boolean leak;

		private final Map<String, byte[]> templates = new LinkedHashMap<>(1024, 0.75f, true) {
			@Override
			protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
				return size() > 20_000;
			}
		};

		NotifyController(@Value("${notify.leak:false}") boolean leak) {
			this.leak = leak;
		}

		@GetMapping("/notify/{user}")
		String notify(@PathVariable String user) {
			ThreadLocalRandom random = ThreadLocalRandom.current();
			String key = user + ":" + random.nextInt(4);
			byte[] template;
			synchronized (this.templates) {
				template = this.templates.computeIfAbsent(key, (k) -> new byte[2048]);
			}
			byte[] scratch = new byte[8192 + random.nextInt(4096)];
			scratch[0] = template[0];
			if (this.leak) {
				byte[] payload = new byte[256];
				EventBus.subscribe((event) -> payload[0] = (byte) event.length());
			}
			return "sent to " + user + " (" + scratch.length + " bytes rendered, " + EventBus.size() + " listeners)";
		}

	}

}
