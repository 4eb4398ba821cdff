package com.foobar.app.article;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Problem details for the articles API's own failures. */
@RestControllerAdvice(assignableTypes = ArticleController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ArticleExceptionHandler {

	@ExceptionHandler
	ProblemDetail notFound(ArticleNotFoundException ex) {
		return problem(HttpStatus.NOT_FOUND, "Article not found", ex.getMessage());
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> stale(StaleVersionException ex) {
		return ResponseEntity.status(HttpStatus.PRECONDITION_FAILED)
			.header(HttpHeaders.ETAG, ex.getCurrentEtag())
			.body(problem(HttpStatus.PRECONDITION_FAILED, "Stale version", ex.getMessage()));
	}

	@ExceptionHandler
	ProblemDetail preconditionRequired(PreconditionRequiredException ex) {
		return problem(HttpStatus.PRECONDITION_REQUIRED, "If-Match required", ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail badIfMatch(IfMatch.Malformed ex) {
		return problem(HttpStatus.BAD_REQUEST, "Bad request", ex.getMessage());
	}

	// Two writers passed the If-Match check at once and the other one committed first.
	@ExceptionHandler
	ProblemDetail conflict(ObjectOptimisticLockingFailureException ex) {
		return problem(HttpStatus.CONFLICT, "Concurrent update",
				"The article was changed by another request at the same time; read it again and retry");
	}

	private static ProblemDetail problem(HttpStatus status, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		return problem;
	}

}
