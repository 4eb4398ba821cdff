package com.foobar.gateway.error;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MalformedUriProblemsTests {

	@LocalServerPort
	private int port;

	@Test
	void invalidUrisGetAProblemDocument() throws IOException {
		for (String target : new String[] { "/api/articles?page=%zz", "/api/articles?%=1", "/api/articles/%" }) {
			String response = exchange("GET " + target + " HTTP/1.1\r\nHost: x\r\n\r\n");
			assertThat(response).as(target)
				.startsWith("HTTP/1.1 400")
				.containsIgnoringCase("content-type: application/problem+json")
				.endsWith(MalformedUriProblems.INVALID_URI.problem());
		}
	}

	@Test
	void requestLinesOverTheDecodersLimitGetAProblemDocument() throws IOException {
		String response = exchange("GET /api/articles?q=" + "a".repeat(9000) + " HTTP/1.1\r\nHost: x\r\n\r\n");
		assertThat(response).startsWith("HTTP/1.1 414")
			.containsIgnoringCase("content-type: application/problem+json")
			.contains("\"status\":414");
	}

	@Test
	void validUrisPassThrough() throws IOException {
		String response = exchange("GET /actuator/health/liveness HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
		assertThat(response).startsWith("HTTP/1.1 200").contains("UP");
	}

	private String exchange(String request) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout(5000);
			OutputStream out = socket.getOutputStream();
			out.write(request.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
		}
	}

}
