package com.foobar.app.config;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Caps request bodies. Tomcat limits only form posts, so JSON bodies need this: a
 * declared length over the cap is refused at once with 413, and a chunked body is cut off
 * when it passes the cap (the JSON reader's failure then becomes 413 in
 * {@link ProblemDetailsHandler}).
 */
@Component
class RequestSizeLimitFilter extends OncePerRequestFilter {

	private final long maxBytes;

	RequestSizeLimitFilter(@Value("${foobar.max-request-size:256KB}") DataSize maxRequestSize) {
		this.maxBytes = maxRequestSize.toBytes();
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.getContentLengthLong() > this.maxBytes) {
			response.setStatus(HttpStatus.CONTENT_TOO_LARGE.value());
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			response.getWriter()
				.write("{\"type\":\"about:blank\",\"title\":\"Content Too Large\",\"status\":413,"
						+ "\"detail\":\"The request body is larger than " + this.maxBytes + " bytes\"}");
			return;
		}
		chain.doFilter((request.getContentLengthLong() < 0) ? new Capped(request, this.maxBytes) : request, response);
	}

	static final class PayloadTooLargeException extends IOException {

		PayloadTooLargeException(long maxBytes) {
			super("The request body is larger than " + maxBytes + " bytes");
		}

	}

	private static final class Capped extends HttpServletRequestWrapper {

		private final long maxBytes;

		private ServletInputStream stream;

		Capped(HttpServletRequest request, long maxBytes) {
			super(request);
			this.maxBytes = maxBytes;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (this.stream == null) {
				this.stream = new CappedStream(super.getInputStream(), this.maxBytes);
			}
			return this.stream;
		}

	}

	private static final class CappedStream extends ServletInputStream {

		private final ServletInputStream in;

		private final long maxBytes;

		private long count;

		CappedStream(ServletInputStream in, long maxBytes) {
			this.in = in;
			this.maxBytes = maxBytes;
		}

		@Override
		public int read() throws IOException {
			int b = this.in.read();
			if (b >= 0) {
				add(1);
			}
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int n = this.in.read(buffer, offset, length);
			if (n > 0) {
				add(n);
			}
			return n;
		}

		private void add(int n) throws IOException {
			this.count += n;
			if (this.count > this.maxBytes) {
				throw new PayloadTooLargeException(this.maxBytes);
			}
		}

		@Override
		public boolean isFinished() {
			return this.in.isFinished();
		}

		@Override
		public boolean isReady() {
			return this.in.isReady();
		}

		@Override
		public void setReadListener(ReadListener listener) {
			this.in.setReadListener(listener);
		}

	}

}
