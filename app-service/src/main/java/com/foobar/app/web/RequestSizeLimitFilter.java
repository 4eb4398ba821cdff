package com.foobar.app.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import com.foobar.app.error.PayloadTooLargeException;
import com.foobar.app.error.ProblemJson;

import org.springframework.http.HttpStatus;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Caps request bodies. Tomcat limits only form posts, so JSON bodies need this: a
 * declared length over the cap is refused at once with 413, and a chunked body is cut off
 * when it passes the cap (the JSON reader's failure then becomes 413 in the error
 * handler).
 */
@Component
@EnableConfigurationProperties(WebProperties.class)
class RequestSizeLimitFilter extends OncePerRequestFilter {

	private final long maxBytes;

	RequestSizeLimitFilter(WebProperties properties) {
		this.maxBytes = properties.maxRequestSize().toBytes();
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.getContentLengthLong() > this.maxBytes) {
			ProblemJson.write(response, HttpStatus.CONTENT_TOO_LARGE.value(),
					"The request body is larger than " + this.maxBytes + " bytes");
			return;
		}
		chain.doFilter((request.getContentLengthLong() < 0) ? new Capped(request, this.maxBytes) : request, response);
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
