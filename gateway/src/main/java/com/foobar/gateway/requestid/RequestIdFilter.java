package com.foobar.gateway.requestid;

import java.util.UUID;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Gives every request an {@value #HEADER}: the client's (Nginx's) when it is sane, a new
 * UUID otherwise. The id goes to the upstream and back on the response, errors included.
 * <p>
 * A web filter rather than a gateway filter, so the gateway's own answers (no route, no
 * instance, timeout) carry the id too.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestIdFilter implements WebFilter {

	static final String HEADER = "X-Request-Id";

	private static final int MAX_LENGTH = 200;

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		String requestId = requestId(exchange.getRequest());
		ServerHttpRequest request = exchange.getRequest()
			.mutate()
			.headers((headers) -> headers.set(HEADER, requestId))
			.build();
		// Set as the response is written, replacing any copy the upstream echoed.
		exchange.getResponse().beforeCommit(() -> {
			exchange.getResponse().getHeaders().set(HEADER, requestId);
			return Mono.empty();
		});
		return chain.filter(exchange.mutate().request(request).build());
	}

	private static String requestId(ServerHttpRequest request) {
		String given = request.getHeaders().getFirst(HEADER);
		return isSane(given) ? given : UUID.randomUUID().toString();
	}

	/**
	 * One value of printable ASCII, not blank, at most {@value #MAX_LENGTH} characters.
	 */
	static boolean isSane(String requestId) {
		if (requestId == null || requestId.isBlank() || requestId.length() > MAX_LENGTH) {
			return false;
		}
		return requestId.chars().allMatch((c) -> c >= 0x20 && c < 0x7f);
	}

}
