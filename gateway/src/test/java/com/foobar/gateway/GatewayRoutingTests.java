package com.foobar.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The gateway in front of two stub app-service instances: "app-1" on this server (the
 * gateway's zone) and "app-2", the peer.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.cloud.gateway.server.webflux.httpclient.response-timeout=500ms",
				"spring.cloud.loadbalancer.health-check.interval=200ms" })
@AutoConfigureWebTestClient
class GatewayRoutingTests {

	private static final String UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

	private static final StubApp local = new StubApp("app-1");

	private static final StubApp peer = new StubApp("app-2");

	@Autowired
	private WebTestClient client;

	@DynamicPropertySource
	static void upstreams(DynamicPropertyRegistry registry) {
		registry.add("SERVER_ZONE", () -> "server-1");
		registry.add("APP_LOCAL_URI", local::uri);
		registry.add("APP_PEER_URI", peer::uri);
	}

	@AfterAll
	static void stopStubs() {
		local.stop();
		peer.stop();
	}

	@BeforeEach
	void bothInstancesUpAndHealthy() {
		peer.reset();
		local.reset();
		// After a test that stopped the local instance: wait until it is healthy again.
		await().atMost(Duration.ofSeconds(5))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> "app-1".equals(get("/api/ping").getResponseHeaders().getFirst("X-App-Instance")));
		local.requests.clear();
		peer.requests.clear();
	}

	@Test
	void routesToTheInstanceOnTheSameServer() {
		for (int i = 0; i < 5; i++) {
			this.client.get()
				.uri("/api/articles")
				.exchange()
				.expectStatus()
				.isOk()
				.expectHeader()
				.valueEquals("X-App-Instance", "app-1");
		}
		assertThat(local.requests).hasSize(5);
		assertThat(peer.requests).isEmpty();
	}

	@Test
	void failsOverAGetToThePeerWhenTheLocalInstanceIsDown() {
		local.stop();
		this.client.get()
			.uri("/api/articles/1")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("X-App-Instance", "app-2");
		assertThat(peer.requests).extracting(Received::method).containsExactly("GET");
	}

	@Test
	void failsOverAPostToThePeerWhenTheLocalInstanceIsDown() {
		local.stop();
		this.client.post()
			.uri("/api/articles")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"title\":\"t\",\"body\":\"b\"}")
			.exchange()
			.expectStatus()
			.isCreated()
			.expectHeader()
			.valueEquals("X-App-Instance", "app-2");
		assertThat(peer.requests).extracting(Received::method).containsExactly("POST");
		assertThat(peer.requests).extracting(Received::body).containsExactly("{\"title\":\"t\",\"body\":\"b\"}");
	}

	@Test
	void retriesAnIdempotentRequestOnThePeerAfter503() {
		local.apiStatus = 503;
		this.client.get()
			.uri("/api/articles/1")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("X-App-Instance", "app-2");
		assertThat(local.requests).hasSize(1);
		assertThat(peer.requests).hasSize(1);
	}

	@Test
	void doesNotRetryAPostTheUpstreamAnswered() {
		local.apiStatus = 503;
		this.client.post()
			.uri("/api/articles")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"title\":\"t\",\"body\":\"b\"}")
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
			.expectHeader()
			.valueEquals("X-App-Instance", "app-1");
		assertThat(local.requests).hasSize(1);
		assertThat(peer.requests).isEmpty();
	}

	@Test
	void generatesARequestIdWhenMissing() {
		String requestId = get("/api/articles").getResponseHeaders().getFirst("X-Request-Id");
		assertThat(requestId).matches(UUID_PATTERN);
		assertThat(local.requests).extracting(Received::requestId).containsExactly(requestId);
	}

	@Test
	void keepsASaneRequestId() {
		this.client.get()
			.uri("/api/articles")
			.header("X-Request-Id", "nginx-4f2a9c")
			.exchange()
			.expectHeader()
			.valueEquals("X-Request-Id", "nginx-4f2a9c");
		assertThat(local.requests).extracting(Received::requestId).containsExactly("nginx-4f2a9c");
	}

	@Test
	void replacesAnAbsurdRequestId() {
		for (String absurd : List.of("x".repeat(201), "a\tb")) {
			this.client.get()
				.uri("/api/articles")
				.header("X-Request-Id", absurd)
				.exchange()
				.expectHeader()
				.value("X-Request-Id", (value) -> assertThat(value).matches(UUID_PATTERN));
		}
		assertThat(local.requests).extracting(Received::requestId).allMatch((id) -> id.matches(UUID_PATTERN));
	}

	@Test
	void passesUpstreamResponseHeadersThrough() {
		this.client.get()
			.uri("/api/articles/1")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("X-App-Instance", "app-1")
			.expectHeader()
			.valueEquals("X-Read-Source", "replica")
			.expectHeader()
			.valueEquals("ETag", "\"3\"")
			.expectHeader()
			.valueEquals("Location", "/api/articles/1");
	}

	@Test
	void answers503ProblemWhenNoInstanceIsAvailable() {
		local.stop();
		peer.stop();
		this.client.get()
			.uri("/api/articles")
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectHeader()
			.value("X-Request-Id", (value) -> assertThat(value).matches(UUID_PATTERN))
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(503)
			.jsonPath("$.title")
			.isEqualTo("Service Unavailable")
			.jsonPath("$.instance")
			.isEqualTo("/api/articles")
			.jsonPath("$.trace")
			.doesNotExist();
	}

	@Test
	void answers504ProblemWhenTheUpstreamIsTooSlow() {
		local.delay = Duration.ofSeconds(2);
		peer.delay = Duration.ofSeconds(2);
		this.client.get()
			.uri("/api/articles")
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.GATEWAY_TIMEOUT)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(504)
			.jsonPath("$.title")
			.isEqualTo("Gateway Timeout");
	}

	@Test
	void answers404ProblemOutsideTheApi() {
		this.client.get()
			.uri("/nothing-here")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void exposesHealthAndGatewayRequestMetrics() {
		get("/api/articles");
		this.client.get()
			.uri("/actuator/health")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("UP");
		this.client.get()
			.uri("/actuator/prometheus")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.value((body) -> assertThat(body).contains("spring_cloud_gateway_requests_seconds_count")
				.contains("routeId=\"api-idempotent\""));
	}

	private EntityExchangeResult<byte[]> get(String path) {
		return this.client.get().uri(path).exchange().expectBody().returnResult();
	}

	record Received(String method, String path, String requestId, String body) {
	}

	/** A stand-in for app-service: readiness, and an API that answers as told. */
	static final class StubApp {

		private final String name;

		private final int port;

		private HttpServer server;

		final List<Received> requests = new CopyOnWriteArrayList<>();

		volatile int apiStatus = 200;

		volatile Duration delay = Duration.ZERO;

		StubApp(String name) {
			this.name = name;
			this.server = start(0);
			this.port = this.server.getAddress().getPort();
		}

		String uri() {
			return "http://localhost:" + this.port;
		}

		void stop() {
			if (this.server != null) {
				this.server.stop(0);
				this.server = null;
			}
		}

		/** Running again on the same port, answering normally, nothing received. */
		void reset() {
			if (this.server == null) {
				this.server = start(this.port);
			}
			this.apiStatus = 200;
			this.delay = Duration.ZERO;
			this.requests.clear();
		}

		private HttpServer start(int port) {
			try {
				HttpServer server = HttpServer.create(new InetSocketAddress("localhost", port), 0);
				server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
				server.createContext("/", this::handle);
				server.start();
				return server;
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		private void handle(HttpExchange exchange) throws IOException {
			try (exchange) {
				String path = exchange.getRequestURI().getPath();
				if (path.equals("/actuator/health/readiness")) {
					respond(exchange, 200, "application/json", "{\"status\":\"UP\"}");
					return;
				}
				String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
				this.requests.add(new Received(exchange.getRequestMethod(), path,
						exchange.getRequestHeaders().getFirst("X-Request-Id"), body));
				Thread.sleep(this.delay);
				exchange.getResponseHeaders().set("X-App-Instance", this.name);
				if (this.apiStatus != 200) {
					respond(exchange, this.apiStatus, "application/problem+json",
							"{\"status\":" + this.apiStatus + "}");
					return;
				}
				if (exchange.getRequestMethod().equals("POST")) {
					exchange.getResponseHeaders().set("Location", "/api/articles/1");
					exchange.getResponseHeaders().set("ETag", "\"0\"");
					respond(exchange, 201, "application/json", "{\"id\":1}");
					return;
				}
				exchange.getResponseHeaders().set("X-Read-Source", "replica");
				exchange.getResponseHeaders().set("ETag", "\"3\"");
				exchange.getResponseHeaders().set("Location", "/api/articles/1");
				respond(exchange, 200, "application/json", "{\"id\":1}");
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

		private static void respond(HttpExchange exchange, int status, String contentType, String body)
				throws IOException {
			byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", contentType);
			exchange.sendResponseHeaders(status, bytes.length);
			exchange.getResponseBody().write(bytes);
		}

	}

}
