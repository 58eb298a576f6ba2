package dev.memoryaudit.sample.shapes;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

import dev.memoryaudit.sample.web.RateRange;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * HTTP controls for the leak shapes: {@code POST /leak/{listeners|map|threadlocal}/start?bytesPerSecond=} and
 * {@code /stop}, {@code GET /leak/shapes}.
 */
@RestController
@RequestMapping("/leak")
public class LeakShapesController {

	/** Allowed leak rates: 1 KiB to 16 MiB per second. */
	static final RateRange ALLOWED_RATES = new RateRange(1024, 16 * RateRange.MIB);

	private final LeakShapesWorkload workload;

	public LeakShapesController(LeakShapesWorkload workload) {
		this.workload = workload;
	}

	@GetMapping("/shapes")
	public LeakShapesStatus status() {
		return this.workload.status();
	}

	@PostMapping("/{shape:listeners|map|threadlocal}/start")
	public ResponseEntity<LeakShapesStatus> start(@PathVariable String shape,
			@RequestParam(name = "bytesPerSecond", required = false) String bytesPerSecond) {
		long rate = ALLOWED_RATES.parse(bytesPerSecond, LeakShapesWorkload.DEFAULT_BYTES_PER_SECOND);
		this.workload.start(shape(shape), rate);
		return ResponseEntity.ok(this.workload.status());
	}

	@PostMapping("/{shape:listeners|map|threadlocal}/stop")
	public ResponseEntity<LeakShapesStatus> stop(@PathVariable String shape) {
		this.workload.stop(shape(shape));
		return ResponseEntity.ok(this.workload.status());
	}

	private static LeakShape shape(String name) {
		Map<String, LeakShape> byName = Arrays.stream(LeakShape.values())
			.collect(Collectors.toMap(LeakShape::urlName, (s) -> s));
		return byName.get(name);
	}

}
