package com.foobar.app.article;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import com.foobar.app.AbstractIntegrationTests;
import com.foobar.app.HttpTestClient;
import com.foobar.app.HttpTestClient.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import static com.foobar.app.HttpTestClient.articleJson;
import static org.assertj.core.api.Assertions.assertThat;

/** The articles API of the public contract, over HTTP, against the real database pair. */
class ArticleApiIntegrationTests extends AbstractIntegrationTests {

	private static final String JSON = "application/json";

	@LocalServerPort
	private int port;

	private HttpTestClient http;

	@BeforeEach
	void client() {
		this.http = new HttpTestClient(this.port);
	}

	@Test
	void createReadUpdateDelete() throws InterruptedException {
		Response created = this.http.postJson("/api/articles", articleJson("Hello", "First post"));
		assertThat(created.status()).isEqualTo(201);
		long id = created.json().get("id").asLong();
		assertThat(created.header("Location")).isEqualTo("/api/articles/" + id);
		assertThat(created.header("ETag")).isEqualTo("\"0\"");
		assertThat(created.header("X-App-Instance")).isEqualTo("app-test");

		Response read = readOnReplica(id);
		assertThat(read.header("ETag")).isEqualTo("\"0\"");
		assertThat(read.json().get("title").asString()).isEqualTo("Hello");
		assertThat(read.json().get("createdAt").asString()).isEqualTo(created.json().get("createdAt").asString());

		Response updated = this.http.send("PUT", "/api/articles/" + id, articleJson("Hello again", "Edited"),
				Map.of("Content-Type", JSON, "If-Match", "\"0\""));
		assertThat(updated.status()).isEqualTo(200);
		assertThat(updated.header("ETag")).isEqualTo("\"1\"");
		assertThat(updated.json().get("version").asLong()).isEqualTo(1);

		Response stale = this.http.send("PUT", "/api/articles/" + id, articleJson("Lost update", "Stale"),
				Map.of("Content-Type", JSON, "If-Match", "\"0\""));
		assertProblem(stale, 412);
		assertThat(stale.header("ETag")).isEqualTo("\"1\"");

		Response unconditional = this.http.send("PUT", "/api/articles/" + id, articleJson("Blind", "Write"),
				Map.of("Content-Type", JSON));
		assertProblem(unconditional, 428);

		assertProblem(this.http.send("DELETE", "/api/articles/" + id, null, Map.of("If-Match", "\"0\"")), 412);
		assertThat(this.http.send("DELETE", "/api/articles/" + id, null, Map.of()).status()).isEqualTo(204);
		assertProblem(this.http.send("DELETE", "/api/articles/" + id, null, Map.of()), 404);
		assertProblem(this.http.send("PUT", "/api/articles/" + id, articleJson("Gone", "Gone"),
				Map.of("Content-Type", JSON, "If-Match", "*")), 404);
	}

	@Test
	void listsNewestFirstInPages() throws InterruptedException {
		long last = 0;
		for (int i = 1; i <= 3; i++) {
			last = this.http.postJson("/api/articles", articleJson("paged " + i, "body " + i))
				.json()
				.get("id")
				.asLong();
		}
		readOnReplica(last);
		Response page = this.http.get("/api/articles?page=0&size=2");
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.header("X-Read-Source")).isEqualTo("replica");
		JsonNode body = page.json();
		assertThat(body.get("size").asInt()).isEqualTo(2);
		assertThat(body.get("content")).hasSize(2);
		assertThat(body.get("content").get(0).get("title").asString()).isEqualTo("paged 3");
		assertThat(body.get("content").get(1).get("title").asString()).isEqualTo("paged 2");
		assertThat(body.get("totalElements").asLong()).isGreaterThanOrEqualTo(3);
		assertProblem(this.http.get("/api/articles?size=0"), 400);
		assertProblem(this.http.get("/api/articles?size=101"), 400);
		assertProblem(this.http.get("/api/articles?page=-1"), 400);
		assertProblem(this.http.get("/api/articles?page=x"), 400);
	}

	@Test
	void storesTextAtTheLimitsByteForByte() throws InterruptedException {
		String title = "é🙂<'\";-".repeat(25);
		String body = "x".repeat(ArticleRequest.BODY_MAX);
		assertThat(title).hasSize(ArticleRequest.TITLE_MAX);
		Response created = this.http.postJson("/api/articles", articleJson(title, body));
		assertThat(created.status()).isEqualTo(201);
		Response read = readOnReplica(created.json().get("id").asLong());
		assertThat(read.json().get("title").asString()).isEqualTo(title);
		assertThat(read.json().get("body").asString()).isEqualTo(body);
	}

	@Test
	void badInputGetsA4xxProblem() {
		assertProblem(this.http.postJson("/api/articles", articleJson("", "body")), 400);
		assertProblem(this.http.postJson("/api/articles", articleJson("t".repeat(201), "body")), 400);
		assertProblem(this.http.postJson("/api/articles", articleJson("title", "")), 400);
		assertProblem(this.http.postJson("/api/articles", articleJson("title", "b".repeat(20_001))), 400);
		assertProblem(this.http.postJson("/api/articles", "{\"title\": \"no body\"}"), 400);
		assertProblem(this.http.postJson("/api/articles", "{\"title\": "), 400);
		assertProblem(this.http.postJson("/api/articles", "[]"), 400);
		assertProblem(this.http.send("POST", "/api/articles", "title=x", Map.of("Content-Type", "text/plain")), 415);
		assertProblem(this.http.send("PATCH", "/api/articles/1", "{}", Map.of("Content-Type", JSON)), 405);
		assertProblem(this.http.get("/api/articles/not-a-number"), 400);
		assertProblem(this.http.get("/api/articles/999999999"), 404);
		assertProblem(this.http.postJson("/api/articles", articleJson("big", "x".repeat(300_000))), 413);
		assertProblem(this.http.send("PUT", "/api/articles/1", articleJson("t", "b"),
				Map.of("Content-Type", JSON, "If-Match", "not-an-etag")), 400);
	}

	@Test
	void exposesPoolAndReadMetrics() throws InterruptedException {
		long id = this.http.postJson("/api/articles", articleJson("metrics", "m")).json().get("id").asLong();
		readOnReplica(id);
		Response metrics = this.http.get("/actuator/prometheus");
		assertThat(metrics.status()).isEqualTo(200);
		assertThat(metrics.body()).contains("hikaricp_connections_max{", "pool=\"primary\"", "pool=\"replica\"")
			.containsPattern("foobar_reads_total\\{[^}]*source=\"replica\"[^}]*\\} [1-9]");
		Response health = this.http.get("/actuator/health");
		assertThat(health.status()).isEqualTo(200);
		assertThat(health.json().get("status").asString()).isEqualTo("UP");
	}

	/**
	 * Reads an article, waiting for it to reach the replica (replication is
	 * asynchronous).
	 */
	private Response readOnReplica(long id) throws InterruptedException {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
		while (true) {
			Response read = this.http.get("/api/articles/" + id);
			if (read.status() == 200 || Instant.now().isAfter(deadline)) {
				assertThat(read.status()).isEqualTo(200);
				assertThat(read.header("X-Read-Source")).isEqualTo("replica");
				return read;
			}
			Thread.sleep(50);
		}
	}

	static void assertProblem(Response response, int status) {
		assertThat(response.status()).as(response.body()).isEqualTo(status);
		assertThat(response.header("Content-Type")).startsWith("application/problem+json");
		JsonNode problem = response.json();
		assertThat(problem.get("status").asInt()).isEqualTo(status);
		assertThat(problem.get("title").asString()).isNotBlank();
		assertThat(response.body()).doesNotContain("Exception", "\tat ", "trace");
	}

}
