package com.foobar.app.error;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * A problem document (RFC 9457) written by hand, for the two places that answer before
 * Spring MVC and its message converters: a servlet filter and Tomcat's error report
 * valve. Everywhere else Spring writes {@code ProblemDetail} itself.
 */
public final class ProblemJson {

	private ProblemJson() {
	}

	/** The document for a status that says nothing but the status. */
	public static String of(int status) {
		return of(status, genericDetail(status));
	}

	/** The document for a status, with the standard title and a detail of ours. */
	public static String of(int status, String detail) {
		String title = title(status);
		return "{\"type\":\"about:blank\",\"title\":\"" + escape(title) + "\",\"status\":" + status + ",\"detail\":\""
				+ escape(detail) + "\"}";
	}

	/** Answers the response with the document. */
	public static void write(HttpServletResponse response, int status, String detail) throws IOException {
		response.setStatus(status);
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.getWriter().write(of(status, detail));
	}

	/** What an error says when there is nothing to say but its status: no internals. */
	static String genericDetail(int status) {
		return (status >= 500) ? "Internal error" : "The request cannot be processed: " + title(status);
	}

	private static String title(int status) {
		HttpStatus known = HttpStatus.resolve(status);
		return (known != null) ? known.getReasonPhrase() : "Error";
	}

	private static String escape(String text) {
		return text.replace("\\", "\\\\").replace("\"", "\\\"");
	}

}
