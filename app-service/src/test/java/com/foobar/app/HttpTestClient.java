package com.foobar.app;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Plain HTTP to the running app: status, headers and body as the server sent them. */
public final class HttpTestClient {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient client = HttpClient.newHttpClient();

	private final String base;

	public HttpTestClient(int port) {
		this.base = "http://localhost:" + port;
	}

	public Response get(String path) {
		return send(HttpRequest.newBuilder(uri(path)).GET(), Map.of());
	}

	public Response send(String method, String path, String body, Map<String, String> headers) {
		HttpRequest.BodyPublisher publisher = (body != null) ? HttpRequest.BodyPublishers.ofString(body)
				: HttpRequest.BodyPublishers.noBody();
		return send(HttpRequest.newBuilder(uri(path)).method(method, publisher), headers);
	}

	public Response postJson(String path, String body) {
		return send("POST", path, body, Map.of("Content-Type", "application/json"));
	}

	public static String articleJson(String title, String body) {
		return json.writeValueAsString(Map.of("title", title, "body", body));
	}

	private URI uri(String path) {
		return URI.create(this.base + path);
	}

	private Response send(HttpRequest.Builder builder, Map<String, String> headers) {
		headers.forEach(builder::header);
		try {
			HttpResponse<String> response = this.client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
			return new Response(response);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public record Response(HttpResponse<String> raw) {

		public int status() {
			return this.raw.statusCode();
		}

		public String header(String name) {
			return this.raw.headers().firstValue(name).orElse(null);
		}

		public String body() {
			return this.raw.body();
		}

		public JsonNode json() {
			return json.readTree(this.raw.body());
		}

	}

}
