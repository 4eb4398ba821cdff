package com.foobar.app.error;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.tomcat.util.http.InvalidParameterException;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.TypeMismatchException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error as RFC 9457 problem details. Spring MVC's own exceptions (bad JSON, wrong
 * media type or method, type mismatches, validation) get their 4xx from the base class;
 * what is left is a server fault, answered without internals.
 */
@RestControllerAdvice
class ProblemDetailsHandler extends ResponseEntityExceptionHandler {

	private static final Log log = LogFactory.getLog(ProblemDetailsHandler.class);

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ProblemDetail problem = ex.getBody();
		problem.setDetail("The request body has invalid fields");
		List<Map<String, String>> errors = ex.getBindingResult()
			.getFieldErrors()
			.stream()
			.map(ProblemDetailsHandler::describe)
			.toList();
		problem.setProperty("errors", errors);
		return handleExceptionInternal(ex, problem, headers, status, request);
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		if (ex.getMostSpecificCause() instanceof PayloadTooLargeException tooLarge) {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE,
					tooLarge.getMessage());
			return handleExceptionInternal(ex, problem, headers, HttpStatus.CONTENT_TOO_LARGE, request);
		}
		// The parser's message can quote the input and name internal classes: say only
		// what is wrong.
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"The request body is missing or is not valid JSON of the expected shape");
		return handleExceptionInternal(ex, problem, headers, status, request);
	}

	// Names the parameter, not the value: that is the client's own input, and for a
	// repeated parameter it would read "[Ljava.lang.String;@1b2c3d".
	@Override
	protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		String name = (ex instanceof MethodArgumentTypeMismatchException mismatch) ? mismatch.getName()
				: ex.getPropertyName();
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				(name != null) ? "The value of '" + name + "' is not valid" : "A value of the request is not valid");
		return handleExceptionInternal(ex, problem, headers, status, request);
	}

	// A preset Content-Type lets the problem be written without looking at Accept, which
	// may be what is wrong: "Accept: ;;;" would otherwise get a 406 without a body.
	@Override
	protected ResponseEntity<Object> createResponseEntity(@Nullable Object body, HttpHeaders headers,
			HttpStatusCode statusCode, WebRequest request) {
		if (body instanceof ProblemDetail && headers.getContentType() == null) {
			HttpHeaders withType = new HttpHeaders();
			withType.putAll(headers);
			withType.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
			return super.createResponseEntity(body, withType, statusCode, request);
		}
		return super.createResponseEntity(body, headers, statusCode, request);
	}

	@ExceptionHandler({ CannotCreateTransactionException.class, DataAccessResourceFailureException.class,
			TransientDataAccessException.class })
	ResponseEntity<ProblemDetail> databaseUnavailable(Exception ex) {
		log.warn("Database unavailable: " + ex.getMessage());
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				"The database is not reachable right now; try again shortly");
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5").body(problem);
	}

	// Tomcat could not read the parameters (too many, say): the client's fault.
	@ExceptionHandler
	ProblemDetail unreadableParameters(InvalidParameterException ex) {
		HttpStatus status = HttpStatus.resolve(ex.getErrorCode());
		return ProblemDetail.forStatusAndDetail(
				(status != null && status.is4xxClientError()) ? status : HttpStatus.BAD_REQUEST,
				"The request's parameters cannot be read");
	}

	@ExceptionHandler
	ProblemDetail unexpected(Exception ex) {
		log.error("Unhandled error", ex);
		return ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error");
	}

	private static Map<String, String> describe(FieldError error) {
		String message = (error.getDefaultMessage() != null) ? error.getDefaultMessage() : "is invalid";
		Map<String, String> described = new LinkedHashMap<>();
		described.put("field", error.getField());
		described.put("message", message);
		return described;
	}

}
