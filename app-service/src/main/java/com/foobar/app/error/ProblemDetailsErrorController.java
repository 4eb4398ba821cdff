package com.foobar.app.error;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Errors that happen outside Spring MVC's exception handling (the servlet container
 * refusing a URI or its encoding, a failure in a filter) are forwarded to the error path.
 * Spring Boot's own controller would answer them with an HTML page or plain JSON,
 * depending on {@code Accept}; this one always answers a problem document (RFC 9457),
 * with no message, exception or stack trace.
 */
@RestController
@RequestMapping("${server.error.path:/error}")
class ProblemDetailsErrorController implements ErrorController {

	@RequestMapping
	ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
		HttpStatus status = status(request);
		ProblemDetail problem = ProblemDetail.forStatus(status);
		problem.setDetail(ProblemJson.genericDetail(status.value()));
		// Whatever the client accepts: the only representation of an error is this one.
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

	private static HttpStatus status(HttpServletRequest request) {
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		if (!(code instanceof Integer value)) {
			// Asked for directly, not forwarded: there is no such resource.
			return HttpStatus.NOT_FOUND;
		}
		HttpStatus status = HttpStatus.resolve(value);
		return (status != null && status.isError()) ? status : HttpStatus.INTERNAL_SERVER_ERROR;
	}

}
