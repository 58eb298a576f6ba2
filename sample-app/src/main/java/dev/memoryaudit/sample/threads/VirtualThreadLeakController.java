package dev.memoryaudit.sample.threads;

import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * HTTP controls for the virtual-thread leak: {@code POST /threads/virtual/leak/start?perSecond=N} (1 to 1000),
 * {@code POST /threads/virtual/leak/stop}, {@code GET /threads/virtual/leak}. On JDK 17 starting answers 409 with why.
 */
@RestController
@RequestMapping("/threads/virtual/leak")
public class VirtualThreadLeakController {

	private final VirtualThreadLeakWorkload workload;

	public VirtualThreadLeakController(VirtualThreadLeakWorkload workload) {
		this.workload = workload;
	}

	@GetMapping
	public ResponseEntity<VirtualThreadLeakWorkload.VirtualThreadLeakStatus> status() {
		return ResponseEntity.ok(this.workload.status());
	}

	@PostMapping("/start")
	public ResponseEntity<Object> start(@RequestParam(name = "perSecond", defaultValue = "20") String perSecond) {
		int rate;
		try {
			rate = Integer.parseInt(perSecond.strip());
		}
		catch (NumberFormatException ex) {
			rate = -1;
		}
		if (rate < 1 || rate > 1000) {
			return ResponseEntity.badRequest()
				.body(Map.of("message", "perSecond must be a whole number of virtual threads a second, got '"
						+ perSecond + "'", "allowed", "1 to 1000"));
		}
		String why = this.workload.unavailableReason();
		if (why != null) {
			return ResponseEntity.status(409).body(Map.of("message", why, "allowed", "a JDK 21 or later"));
		}
		this.workload.start(rate);
		return ResponseEntity.ok(this.workload.status());
	}

	@PostMapping("/stop")
	public ResponseEntity<VirtualThreadLeakWorkload.VirtualThreadLeakStatus> stop() {
		this.workload.stop();
		return ResponseEntity.ok(this.workload.status());
	}

}
