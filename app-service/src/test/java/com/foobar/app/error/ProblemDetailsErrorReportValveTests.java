package com.foobar.app.error;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServer;

import static org.assertj.core.api.Assertions.assertThat;

/** Requests that Tomcat refuses before any servlet runs, on a bare embedded Tomcat. */
class ProblemDetailsErrorReportValveTests {

	private WebServer server;

	@BeforeEach
	void start() {
		TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory(0);
		new ProblemDetailsErrorReportValve.Installer().customize(factory);
		this.server = factory.getWebServer();
		this.server.start();
	}

	@AfterEach
	void stop() {
		this.server.stop();
	}

	@Test
	void refusedUrisGetAProblemDocumentNotAnHtmlPage() throws IOException {
		for (String target : new String[] { "/api/articles/%2F", "/api/articles/%5C..%5C", "/api/articles/%ff",
				"/api/articles/%c0%af", "/api/articles?page[]=1", "/api/articles/%00" }) {
			String response = exchange("GET " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
			assertThat(response).as(target)
				.startsWith("HTTP/1.1 400")
				.containsIgnoringCase("Content-Type: application/problem+json")
				.contains("\"status\":400")
				.doesNotContain("<html", "Tomcat");
		}
	}

	@Test
	void oversizedRequestLinesGetAProblemDocument() throws IOException {
		String response = exchange(
				"GET /api/articles?q=" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
		assertThat(response).startsWith("HTTP/1.1 400").contains("\"status\":400").doesNotContain("<html");
	}

	@Test
	void serverErrorsSayNoMore() {
		assertThat(ProblemJson.of(500)).contains("\"detail\":\"Internal error\"");
	}

	private String exchange(String request) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", this.server.getPort())) {
			socket.setSoTimeout(5000);
			OutputStream out = socket.getOutputStream();
			out.write(request.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			InputStream in = socket.getInputStream();
			return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
		}
	}

}
