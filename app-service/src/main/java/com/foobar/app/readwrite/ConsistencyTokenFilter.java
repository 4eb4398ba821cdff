package com.foobar.app.readwrite;

import java.io.IOException;
import java.util.Arrays;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Makes the request's consistency token (the header if it holds one, else the cookie)
 * known to {@link ReadRouter}.
 */
@Component
class ConsistencyTokenFilter extends OncePerRequestFilter {

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		ConsistencyToken.setCurrent(tokenOf(request).orElse(null));
		try {
			chain.doFilter(request, response);
		}
		finally {
			ConsistencyToken.setCurrent(null);
		}
	}

	private static Optional<ConsistencyToken> tokenOf(HttpServletRequest request) {
		// What is not a token is ignored: a bad header does not hide a good cookie.
		Optional<ConsistencyToken> header = ConsistencyToken.decode(request.getHeader(ConsistencyToken.HEADER));
		if (header.isPresent()) {
			return header;
		}
		Cookie[] cookies = request.getCookies();
		if (cookies == null) {
			return Optional.empty();
		}
		return Arrays.stream(cookies)
			.filter((cookie) -> ConsistencyToken.COOKIE.equals(cookie.getName()))
			.findFirst()
			.flatMap((cookie) -> ConsistencyToken.decode(cookie.getValue()));
	}

}
