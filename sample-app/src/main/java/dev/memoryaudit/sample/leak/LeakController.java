package dev.memoryaudit.sample.leak;

import dev.memoryaudit.sample.web.RateRange;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * HTTP controls for the switchable {@link LeakyOrder} leak.
 */
@RestController
@RequestMapping("/leak")
public class LeakController {

	/** Allowed leak rates: 1 byte to 64 MiB per second. */
	static final RateRange ALLOWED_RATES = new RateRange(1, 64 * RateRange.MIB);

	private final LeakWorkload workload;

	public LeakController(LeakWorkload workload) {
		this.workload = workload;
	}

	@GetMapping
	public ResponseEntity<LeakStatus> status() {
		return ResponseEntity.ok(this.workload.status());
	}

	@PostMapping("/start")
	public ResponseEntity<LeakStatus> start(@RequestParam(name = "bytesPerSecond", required = false) String bytesPerSecond) {
		long rate = ALLOWED_RATES.parse(bytesPerSecond, LeakWorkload.DEFAULT_BYTES_PER_SECOND);
		this.workload.start(rate);
		return ResponseEntity.ok(this.workload.status());
	}

	@PostMapping("/stop")
	public ResponseEntity<LeakStatus> stop() {
		this.workload.stop();
		return ResponseEntity.ok(this.workload.status());
	}

	@PostMapping("/clear")
	public ResponseEntity<LeakStatus> clear() {
		this.workload.clear();
		return ResponseEntity.ok(this.workload.status());
	}

}
