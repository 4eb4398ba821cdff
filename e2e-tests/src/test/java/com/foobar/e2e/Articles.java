package com.foobar.e2e;

import java.time.Duration;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The articles API through the load balancer: create, read, update and delete, each
 * answered as a {@link Result} that knows the article it carries.
 */
final class Articles {

	static final String PATH = "/api/articles";

	private static final JsonMapper json = JsonMapper.builder().build();

	private final Www www;

	Articles(Www www) {
		this.www = www;
	}

	Result create(String title, String body) {
		return new Result(
				this.www.send("POST", PATH, article(title, body), Map.of(Headers.CONTENT_TYPE, Headers.JSON)));
	}

	/** Creates an article and expects a 201. */
	Article created(String title, String body) {
		Result created = create(title, body);
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return created.article();
	}

	Result read(long id) {
		return new Result(this.www.get(path(id)));
	}

	/** A read that sends a write's consistency token back. */
	Result read(long id, String token) {
		return new Result(this.www.send("GET", path(id), null, Map.of(Headers.CONSISTENCY_TOKEN, token)));
	}

	/** Reads an article from the replica, once replication has brought it there. */
	Result readFromReplica(long id) {
		return await("article " + id + " read from the replica").atMost(Duration.ofSeconds(30))
			.until(() -> read(id), (read) -> read.status() == 200 && "replica".equals(read.readSource()));
	}

	Result list(int page, int size) {
		return new Result(this.www.get(PATH + "?page=" + page + "&size=" + size));
	}

	Result list() {
		return new Result(this.www.get(PATH));
	}

	/** Updates the given version of an article (If-Match: "version"). */
	Result update(long id, long version, String title, String body) {
		return new Result(this.www.send("PUT", path(id), article(title, body),
				Map.of(Headers.CONTENT_TYPE, Headers.JSON, Headers.IF_MATCH, "\"" + version + "\"")));
	}

	Result delete(long id) {
		return new Result(this.www.send("DELETE", path(id), null, Map.of()));
	}

	static String path(long id) {
		return PATH + "/" + id;
	}

	/** The JSON of a new or edited article. */
	static String article(String title, String body) {
		return json.writeValueAsString(Map.of("title", title, "body", body));
	}

	/** An article as the API shows it. */
	record Article(long id, String title, String body, long version) {

		static Article of(JsonNode node) {
			return new Article(node.get("id").asLong(), node.get("title").asString(), node.get("body").asString(),
					node.get("version").asLong());
		}

	}

	/** One answer of the API; {@link #article()} for those that carry an article. */
	record Result(Www.Response response) {

		int status() {
			return this.response.status();
		}

		String header(String name) {
			return this.response.header(name);
		}

		String readSource() {
			return header(Headers.READ_SOURCE);
		}

		String token() {
			return header(Headers.CONSISTENCY_TOKEN);
		}

		Article article() {
			return Article.of(this.response.json());
		}

		long id() {
			return article().id();
		}

		@Override
		public String toString() {
			return this.response.toString();
		}

	}

}
