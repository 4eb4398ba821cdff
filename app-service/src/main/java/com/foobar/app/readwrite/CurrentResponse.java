package com.foobar.app.readwrite;

import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;

import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The response of the request this thread serves, for the headers the read/write split
 * adds ({@code X-Read-Source}, the consistency token); null outside a request.
 */
final class CurrentResponse {

	private CurrentResponse() {
	}

	static @Nullable HttpServletResponse get() {
		return (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)
				? attributes.getResponse() : null;
	}

}
