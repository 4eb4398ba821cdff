package com.foobar.app.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/** Names this instance on every response ({@code X-App-Instance}), errors included. */
@Component
@EnableConfigurationProperties(WebProperties.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class InstanceHeaderFilter extends OncePerRequestFilter {

	static final String HEADER = "X-App-Instance";

	private final String instance;

	InstanceHeaderFilter(WebProperties properties) {
		this.instance = properties.instance();
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		response.setHeader(HEADER, this.instance);
		chain.doFilter(request, response);
	}

}
