package com.foobar.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * HAProxy's per-client request rate limit, with the load balancer recreated for this
 * class with a low threshold (RATE_LIMIT_PER_10S, whose default is far above what the
 * other tests send) and recreated with the default afterwards.
 */
@Order(80)
class RateLimitIntegrationTests extends StackTests {

	private static final int LIMIT = 40;

	@BeforeAll
	void lowerTheLimit() {
		this.stack.environment("RATE_LIMIT_PER_10S", String.valueOf(LIMIT));
		this.stack.recreate("lb");
		connect();
	}

	@AfterAll
	void restoreTheLimit() {
		this.stack.environment("RATE_LIMIT_PER_10S", null);
		this.stack.recreate("lb");
	}

	@Test
	@Order(1)
	void aBurstOverTheLimitGets429ProblemDetailsWithRetryAfter() {
		// Normal traffic under the limit (the window may hold the stack's own start-up
		// checks: none go through the frontend).
		for (int i = 0; i < LIMIT / 2; i++) {
			assertThat(this.www.get("/").status()).as("request " + i).isEqualTo(200);
		}
		List<Integer> statuses = new ArrayList<>();
		Articles.Result refused = null;
		for (int i = 0; i < LIMIT * 2; i++) {
			Articles.Result response = this.articles.list();
			statuses.add(response.status());
			if (response.status() == 429 && refused == null) {
				refused = response;
			}
		}
		int firstRefused = statuses.indexOf(429) + LIMIT / 2 + 1;
		System.out.printf("e2e: rate limit %d per 10 s: first 429 at request %d, %d of %d refused%n", LIMIT,
				firstRefused, statuses.stream().filter((s) -> s == 429).count(), LIMIT / 2 + statuses.size());
		assertThat(refused).as("a 429 after %d requests", LIMIT).isNotNull();
		assertThat(firstRefused).isGreaterThan(LIMIT);
		assertProblem(refused, 429);
		assertThat(refused.header(Headers.RETRY_AFTER)).isEqualTo("10");
		assertThat(refused.header(Headers.HSTS)).isEqualTo("max-age=63072000");
	}

	@Test
	@Order(2)
	void theClientIsServedAgainOnceTheWindowHasPassed() {
		// The rate is HAProxy's estimate over a sliding 10 s window (the previous
		// period weighted by what is left of it), refused requests included: a client
		// far over the limit waits a little longer than Retry-After's 10 s, never more
		// than 20 s. A polite client asks again only after Retry-After, every 2 s.
		long start = System.nanoTime();
		await("served again").pollDelay(Duration.ofSeconds(10))
			.pollInterval(Duration.ofSeconds(2))
			.atMost(Duration.ofSeconds(23))
			.until(() -> this.www.get("/").status() == 200);
		System.out.printf("e2e: served again %d s after the 429s%n", (System.nanoTime() - start) / 1_000_000_000);
	}

}
