package com.foobar.e2e;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import com.foobar.e2e.HostileRequests.Case;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile input through the load balancer: a seeded fuzz of malformed and hostile API
 * requests ({@link HostileRequests}). No answer may be a 5xx; every error is a problem
 * document without internals, but for the few HTML pages HAProxy and Nginx make
 * themselves, which are counted and must be 4xx answers to requests that the edge cannot
 * parse or that leave the API; hostile but valid text that the API accepts comes back
 * unchanged. Rerun a failure with {@code -Dfuzz.seed=<the printed seed>}.
 */
@Order(4)
class HostileInputIntegrationTests extends StackTests {

	private static final long SEED = Long.getLong("fuzz.seed", System.currentTimeMillis());

	private static final int CASES = Integer.getInteger("fuzz.cases", 1200);

	private static final Duration TIME_LIMIT = Duration.ofMinutes(6);

	private static final JsonMapper json = JsonMapper.builder().build();

	/** What an error body must never show: internals of the app or its database. */
	private static final List<String> INTERNALS = List.of("Exception", "\tat ", "java.", "jakarta.",
			"org.springframework", "org.hibernate", "com.mysql", "tools.jackson", "SQLState", "SQL syntax", "Tomcat",
			"could not execute statement", "Caused by");

	private final Random random = new Random(SEED);

	private final Map<String, Integer> histogram = new TreeMap<>();

	/** The edge's own HTML pages, by status and case. */
	private final Map<String, Integer> edgeAnswers = new TreeMap<>();

	private final List<String> failures = new ArrayList<>();

	private RawHttp raw;

	private String notFoundPage;

	@Test
	@Order(1)
	void hostileRequestsNeverGetA5xxAndErrorsAreProblemDocuments() throws Exception {
		System.out.printf("fuzz: seed %d (rerun with -Dfuzz.seed=%d), %d cases%n", SEED, SEED, CASES);
		this.raw = new RawHttp(this.stack.httpsPort());
		long articleId = this.articles.created("fuzz target", "to update").id();
		this.articles.readFromReplica(articleId);
		this.notFoundPage = this.www.get("/no-such-page").body();

		List<Case> cases = new HostileRequests(articleId).cases(this.random, CASES);
		long edgeCases = cases.stream().filter(Case::mayBeAnsweredByTheEdge).count();
		Instant deadline = Instant.now().plus(TIME_LIMIT);
		int sent = 0;
		for (Case c : cases) {
			assertThat(Instant.now()).as("fuzz time limit, after %d cases", sent).isBefore(deadline);
			check(c, send(c));
			sent++;
		}
		int edgePages = this.edgeAnswers.values().stream().mapToInt(Integer::intValue).sum();
		System.out.printf("fuzz: %d requests (seed %d), statuses: %s%n", sent, SEED, this.histogram);
		System.out.printf("fuzz: %d HTML pages made by HAProxy/Nginx themselves (of %d requests they may refuse): %s%n",
				edgePages, edgeCases, this.edgeAnswers);
		this.failures.forEach((failure) -> System.out.println("fuzz: FAILED " + failure));
		assertThat(sent).isGreaterThanOrEqualTo(1000);
		assertThat(this.histogram.keySet()).as("statuses").noneMatch((status) -> status.startsWith("5"));
		assertThat(this.failures).as("failed cases (seed " + SEED + ")").isEmpty();
		assertThat(edgePages).as("the edge's own HTML pages").isLessThanOrEqualTo((int) edgeCases);
	}

	@Test
	@Order(2)
	void hostileTextThatIsAcceptedComesBackByteForByte() {
		List<String> texts = HostileRequests.texts(this.random, 60);
		Map<Long, String> stored = new LinkedHashMap<>();
		List<String> refused = new ArrayList<>();
		for (String text : texts) {
			String title = (text.length() > 200) ? text.substring(0, 150) : text;
			Articles.Result response = this.articles.create(title, text);
			if (response.status() == 201) {
				assertThat(response.article().body()).isEqualTo(text);
				stored.put(response.id(), title + "\u0000|" + text);
			}
			else {
				assertProblem(response, 400);
				refused.add(json.writeValueAsString(text));
			}
		}
		int checked = 0;
		for (Map.Entry<Long, String> entry : stored.entrySet()) {
			Articles.Article article = this.articles.readFromReplica(entry.getKey()).article();
			String[] sentParts = entry.getValue().split("\u0000\\|", 2);
			assertThat(article.title().getBytes(StandardCharsets.UTF_8)).as("title of %d", entry.getKey())
				.isEqualTo(sentParts[0].getBytes(StandardCharsets.UTF_8));
			assertThat(article.body().getBytes(StandardCharsets.UTF_8)).as("body of %d", entry.getKey())
				.isEqualTo(sentParts[1].getBytes(StandardCharsets.UTF_8));
			checked++;
		}
		System.out.printf("fuzz: %d hostile texts, %d stored and read back byte for byte, %d refused: %s%n",
				texts.size(), checked, refused.size(), refused);
		// All of it is valid text (NUL included: JSON escapes it, the database keeps it).
		assertThat(refused).isEmpty();
		assertThat(checked).isEqualTo(texts.size());
	}

	// --- Sending and checking ---

	record Outcome(int status, Map<String, List<String>> headers, String body) {

		String header(String name) {
			return this.headers.entrySet()
				.stream()
				.filter((entry) -> entry.getKey().equalsIgnoreCase(name))
				.map((entry) -> entry.getValue().getFirst())
				.findFirst()
				.orElse(null);
		}

	}

	private Outcome send(Case c) throws Exception {
		if (c.raw() != null) {
			RawHttp.Response response = this.raw.exchange(c.raw());
			return new Outcome(response.status(), response.headers(), response.body());
		}
		Www.Response response;
		try {
			response = this.www.send(c.method(), c.path(), c.body(), c.headers());
		}
		catch (IllegalArgumentException ex) {
			// The HttpClient refuses to send it (a malformed URI or header): send it raw.
			RawHttp.Response answer = this.raw.exchange(onTheWire(c));
			return new Outcome(answer.status(), answer.headers(), answer.body());
		}
		catch (IllegalStateException ex) {
			return new Outcome(0, Map.of(), String.valueOf(ex.getCause()));
		}
		return new Outcome(response.status(), response.raw().headers().map(), response.body());
	}

	private static byte[] onTheWire(Case c) {
		StringBuilder head = new StringBuilder(c.method() + " " + c.path() + " HTTP/1.1\r\n");
		head.append("Host: ").append(Www.HOST).append("\r\nConnection: close\r\n");
		c.headers().forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
		byte[] body = (c.body() != null) ? c.body().getBytes(StandardCharsets.UTF_8) : new byte[0];
		if (c.body() != null) {
			head.append("Content-Length: ").append(body.length).append("\r\n");
		}
		return RawHttp.request(head.append("\r\n").toString(), body);
	}

	private void check(Case c, Outcome outcome) {
		String key = (outcome.status() == 0) ? "closed" : String.valueOf(outcome.status());
		this.histogram.merge(key, 1, Integer::sum);
		String what = c + " -> " + outcome.status() + " " + outcome.headers() + " "
				+ outcome.body().substring(0, Math.min(400, outcome.body().length()));
		if (outcome.status() >= 500) {
			this.failures.add("5xx: " + what);
			return;
		}
		if (!c.expected().isEmpty() && !c.expected().contains(outcome.status())) {
			this.failures.add("expected " + c.expected() + ": " + what);
			return;
		}
		if (outcome.status() == 0) {
			// Only garbage on the wire may be answered by closing the connection.
			if (c.raw() == null && !c.expected().contains(0)) {
				this.failures.add("no answer: " + what);
			}
			return;
		}
		if (outcome.status() < 400) {
			return;
		}
		if (madeByTheEdge(c, outcome)) {
			this.edgeAnswers.merge(outcome.status() + " " + c.name(), 1, Integer::sum);
			if (!c.mayBeAnsweredByTheEdge()) {
				this.failures.add("an HTML page of the edge for a request the API should answer: " + what);
			}
			else if (outcome.body().equals(this.notFoundPage) && outcome.status() != 404) {
				this.failures.add("the static site's 404 page with another status: " + what);
			}
			return;
		}
		String type = outcome.header(Headers.CONTENT_TYPE);
		if (type == null || !type.startsWith(Headers.PROBLEM_JSON)) {
			this.failures.add("not a problem document: " + what);
			return;
		}
		if (!"HEAD".equals(c.method())) {
			JsonNode problem;
			try {
				problem = json.readTree(outcome.body());
			}
			catch (RuntimeException ex) {
				this.failures.add("problem document is not JSON: " + what);
				return;
			}
			if (problem.path("status").asInt() != outcome.status()) {
				this.failures.add("problem status differs: " + what);
			}
		}
		for (String internal : INTERNALS) {
			if (outcome.body().contains(internal)) {
				this.failures.add("shows internals (" + internal + "): " + what);
			}
		}
	}

	/**
	 * Errors HAProxy or Nginx make themselves for requests they refuse (HTML pages that
	 * name the server), and the static site's own 404 page. A HEAD answer has no body to
	 * tell: an HTML one that no app instance signed is the edge's.
	 */
	private boolean madeByTheEdge(Case c, Outcome outcome) {
		String body = outcome.body();
		if ("HEAD".equals(c.method()) && body.isEmpty()) {
			String type = outcome.header(Headers.CONTENT_TYPE);
			return outcome.header(Headers.APP_INSTANCE) == null && type != null && type.startsWith("text/html");
		}
		return body.contains("<center>nginx</center>") || body.contains("Your browser sent an invalid request")
				|| body.contains("<h1>" + outcome.status()) || body.equals(this.notFoundPage);
	}

}
