package dev.memoryaudit.sample.direct;

import dev.memoryaudit.sample.web.RateRange;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * HTTP controls for the direct-buffer leak: {@code POST /leak/direct/start?bytesPerSecond=N},
 * {@code POST /leak/direct/stop}, {@code POST /leak/direct/clear}, {@code GET /leak/direct}.
 */
@RestController
@RequestMapping("/leak/direct")
public class DirectBufferLeakController {

	/** Allowed rates: 1 KiB to 256 MiB per second. */
	static final RateRange ALLOWED_RATES = new RateRange(1024, 256 * RateRange.MIB);

	private final DirectBufferLeakWorkload workload;

	public DirectBufferLeakController(DirectBufferLeakWorkload workload) {
		this.workload = workload;
	}

	@GetMapping
	public ResponseEntity<DirectBufferLeakWorkload.DirectBufferLeakStatus> status() {
		return ResponseEntity.ok(this.workload.status());
	}

	@PostMapping("/start")
	public ResponseEntity<DirectBufferLeakWorkload.DirectBufferLeakStatus> start(
			@RequestParam(name = "bytesPerSecond", required = false) String bytesPerSecond) {
		this.workload.start(ALLOWED_RATES.parse(bytesPerSecond, DirectBufferLeakWorkload.DEFAULT_BYTES_PER_SECOND));
		return ResponseEntity.ok(this.workload.status());
	}

	@PostMapping("/stop")
	public ResponseEntity<DirectBufferLeakWorkload.DirectBufferLeakStatus> stop() {
		this.workload.stop();
		return ResponseEntity.ok(this.workload.status());
	}

	@PostMapping("/clear")
	public ResponseEntity<DirectBufferLeakWorkload.DirectBufferLeakStatus> clear() {
		this.workload.clear();
		return ResponseEntity.ok(this.workload.status());
	}

}
