package dev.memoryaudit.sample.springleaks;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * HTTP controls for the switchable Spring-service leaks ({@code POST /spring-leaks/{case}/start} and
 * {@code /stop} with {@code raw-uri}, {@code class-loaders}, {@code sessions} or {@code healthy};
 * {@code GET /spring-leaks}), and the endpoints their requests call.
 */
@RestController
@RequestMapping("/spring-leaks")
public class SpringLeaksController {

	private final SpringLeaksWorkload workload;

	private final GreetingService greetings;

	public SpringLeaksController(SpringLeaksWorkload workload, GreetingService greetings) {
		this.workload = workload;
		this.greetings = greetings;
	}

	@GetMapping
	public ResponseEntity<SpringLeaksStatus> status() {
		return ResponseEntity.ok(this.workload.status());
	}

	@PostMapping("/{leak}/start")
	public ResponseEntity<SpringLeaksStatus> start(@PathVariable String leak) {
		this.workload.start(SpringLeak.of(leak));
		return ResponseEntity.ok(this.workload.status());
	}

	@PostMapping("/{leak}/stop")
	public ResponseEntity<SpringLeaksStatus> stop(@PathVariable String leak) {
		this.workload.stop(SpringLeak.of(leak));
		return ResponseEntity.ok(this.workload.status());
	}

	@GetMapping("/echo/{id}")
	public String echo(@PathVariable String id) {
		return id;
	}

	@GetMapping("/greet")
	public String greet(@RequestParam String name, @RequestParam(defaultValue = "false") boolean leak) {
		return this.greetings.greet(name, leak);
	}

	@GetMapping("/session")
	public String session(HttpServletRequest request) {
		HttpSession session = request.getSession(true);
		Integer visits = (Integer) session.getAttribute("visits");
		session.setAttribute("visits", (visits != null) ? visits + 1 : 1);
		return session.getId();
	}

	@ExceptionHandler(IllegalArgumentException.class)
	public ResponseEntity<String> unknownCase(IllegalArgumentException ex) {
		return ResponseEntity.badRequest().body(ex.getMessage());
	}

}
