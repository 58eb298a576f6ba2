package dev.memoryaudit.sample.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Turns bad request parameters of the sample's own controllers into 400 responses with a JSON explanation.
 */
@RestControllerAdvice(basePackages = "dev.memoryaudit.sample")
public class SampleExceptionHandler {

	@ExceptionHandler(InvalidRateException.class)
	public ResponseEntity<ErrorResponse> invalidRate(InvalidRateException ex) {
		return badRequest(ex.getMessage(), ex.getAllowed());
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	public ResponseEntity<ErrorResponse> typeMismatch(MethodArgumentTypeMismatchException ex) {
		Class<?> type = ex.getRequiredType();
		String expected = (type != null) ? type.getSimpleName() : "a valid value";
		return badRequest("Parameter '" + ex.getName() + "' has an invalid value", expected);
	}

	@ExceptionHandler(MissingServletRequestParameterException.class)
	public ResponseEntity<ErrorResponse> missingParameter(MissingServletRequestParameterException ex) {
		return badRequest("Parameter '" + ex.getParameterName() + "' is required", ex.getParameterType());
	}

	private static ResponseEntity<ErrorResponse> badRequest(String error, String allowed) {
		return ResponseEntity.status(HttpStatus.BAD_REQUEST).body(new ErrorResponse(error, allowed));
	}

}
