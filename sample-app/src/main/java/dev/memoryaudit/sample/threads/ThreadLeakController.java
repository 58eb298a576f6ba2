package dev.memoryaudit.sample.threads;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * HTTP controls for the switchable thread leak: {@code POST /threads/leak/start}, {@code POST /threads/leak/stop},
 * {@code GET /threads/leak}.
 */
@RestController
@RequestMapping("/threads/leak")
public class ThreadLeakController {

	private final ThreadLeakWorkload workload;

	public ThreadLeakController(ThreadLeakWorkload workload) {
		this.workload = workload;
	}

	@GetMapping
	public ResponseEntity<ThreadLeakStatus> status() {
		return ResponseEntity.ok(this.workload.status());
	}

	@PostMapping("/start")
	public ResponseEntity<ThreadLeakStatus> start() {
		this.workload.start();
		return ResponseEntity.ok(this.workload.status());
	}

	@PostMapping("/stop")
	public ResponseEntity<ThreadLeakStatus> stop() {
		this.workload.stop();
		return ResponseEntity.ok(this.workload.status());
	}

}
