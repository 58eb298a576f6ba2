package dev.memoryaudit.sample.garbage;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * HTTP controls for the steady, non-leaking garbage workload.
 */
@RestController
@RequestMapping("/garbage")
public class GarbageController {

	private final GarbageWorkload workload;

	private final GarbageProperties properties;

	public GarbageController(GarbageWorkload workload, GarbageProperties properties) {
		this.workload = workload;
		this.properties = properties;
	}

	@GetMapping
	public ResponseEntity<GarbageStatus> status() {
		return ResponseEntity.ok(this.workload.status());
	}

	@PostMapping("/start")
	public ResponseEntity<GarbageStatus> start(
			@RequestParam(name = "bytesPerSecond", required = false) String bytesPerSecond) {
		long rate = GarbageWorkload.ALLOWED_RATES.parse(bytesPerSecond, this.properties.bytesPerSecond());
		this.workload.start(rate);
		return ResponseEntity.ok(this.workload.status());
	}

	@PostMapping("/stop")
	public ResponseEntity<GarbageStatus> stop() {
		this.workload.stop();
		return ResponseEntity.ok(this.workload.status());
	}

}
