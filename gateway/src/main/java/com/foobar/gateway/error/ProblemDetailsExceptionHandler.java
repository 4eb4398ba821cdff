package com.foobar.gateway.error;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.codec.HttpMessageWriter;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponse;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.reactive.result.view.ViewResolver;
import org.springframework.web.server.ServerWebExchange;

/**
 * Answers every error of the gateway itself as RFC 9457 {@code application/problem+json},
 * without exception messages or stack traces: no route (404), no instance left or none
 * reachable (503), an upstream that broke the exchange (502) or did not answer in time
 * (504). Errors that app-service answers pass through unchanged.
 * <p>
 * Ordered before Spring Boot's handler, which would answer plain JSON.
 */
@Component
@Order(-2)
class ProblemDetailsExceptionHandler implements ErrorWebExceptionHandler {

	private static final Log logger = LogFactory.getLog(ProblemDetailsExceptionHandler.class);

	private final ServerResponse.Context context;

	ProblemDetailsExceptionHandler(ServerCodecConfigurer codecs) {
		List<HttpMessageWriter<?>> writers = codecs.getWriters();
		this.context = new ServerResponse.Context() {

			@Override
			public List<HttpMessageWriter<?>> messageWriters() {
				return writers;
			}

			@Override
			public List<ViewResolver> viewResolvers() {
				return List.of();
			}

		};
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
		ServerHttpResponse response = exchange.getResponse();
		if (response.isCommitted()) {
			return Mono.error(ex);
		}
		HttpStatusCode status = status(ex);
		log(exchange, status, ex);
		ProblemDetail problem = ProblemDetail.forStatus(status);
		problem.setDetail(detail(status));
		problem.setInstance(URI.create(exchange.getRequest().getPath().value()));
		// Drop anything a failed upstream attempt left behind; keep what the error itself
		// needs (Allow on a 405, for example).
		response.getHeaders().clear();
		return ServerResponse.status(status).headers((headers) -> {
			if (ex instanceof ErrorResponse errorResponse) {
				headers.addAll(errorResponse.getHeaders());
			}
		})
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyValue(problem)
			.flatMap((serverResponse) -> serverResponse.writeTo(exchange, this.context));
	}

	static HttpStatusCode status(Throwable ex) {
		if (ex instanceof ErrorResponse errorResponse) {
			return errorResponse.getStatusCode();
		}
		if (causedBy(ex, ConnectException.class)) {
			return HttpStatus.SERVICE_UNAVAILABLE;
		}
		if (causedBy(ex, IOException.class)) {
			return HttpStatus.BAD_GATEWAY;
		}
		return HttpStatus.INTERNAL_SERVER_ERROR;
	}

	private static String detail(HttpStatusCode status) {
		if (status.value() == HttpStatus.SERVICE_UNAVAILABLE.value()) {
			return "The service is temporarily unavailable. Please try again shortly.";
		}
		if (status.value() == HttpStatus.GATEWAY_TIMEOUT.value()) {
			return "The service did not answer in time.";
		}
		if (status.value() == HttpStatus.BAD_GATEWAY.value()) {
			return "The service did not answer properly.";
		}
		return null;
	}

	private static boolean causedBy(Throwable ex, Class<? extends Throwable> type) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return true;
			}
		}
		return false;
	}

	private static void log(ServerWebExchange exchange, HttpStatusCode status, Throwable ex) {
		if (status.value() == HttpStatus.INTERNAL_SERVER_ERROR.value()) {
			logger.error(exchange.getLogPrefix() + "Unexpected error for " + exchange.getRequest().getPath(), ex);
		}
		else if (status.is5xxServerError()) {
			logger
				.warn(exchange.getLogPrefix() + status.value() + " for " + exchange.getRequest().getPath() + ": " + ex);
		}
		else if (logger.isDebugEnabled()) {
			logger.debug(exchange.getLogPrefix() + status.value() + " for " + exchange.getRequest().getPath(), ex);
		}
	}

}
