package com.foobar.e2e;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * HAProxy's per-client request rate limit, on a stack started with a low threshold
 * (RATE_LIMIT_PER_10S, whose default is far above what the other tests send).
 */
class RateLimitIntegrationTests extends StackTests {

	private static final int LIMIT = 40;

	RateLimitIntegrationTests() {
		this.stack.environment("RATE_LIMIT_PER_10S", String.valueOf(LIMIT));
	}

	@Test
	@Order(1)
	void aBurstOverTheLimitGets429ProblemDetailsWithRetryAfter() {
		// Normal traffic under the limit (the window may hold the stack's own start-up
		// checks:
		// none go through the frontend).
		for (int i = 0; i < LIMIT / 2; i++) {
			assertThat(this.www.get("/").status()).as("request " + i).isEqualTo(200);
		}
		List<Integer> statuses = new ArrayList<>();
		Www.Response refused = null;
		for (int i = 0; i < LIMIT * 2; i++) {
			Www.Response response = this.www.get("/api/articles");
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
		assertThat(refused.header("Retry-After")).isEqualTo("10");
		assertThat(refused.header("Strict-Transport-Security")).isEqualTo("max-age=63072000");
	}

	@Test
	@Order(2)
	void theClientIsServedAgainOnceTheWindowHasPassed() {
		// The rate is HAProxy's estimate over a sliding 10 s window (the previous period
		// weighted by what is left of it), refused requests included: a client far over
		// the
		// limit waits a little longer than Retry-After's 10 s, never more than 20 s.
		sleep(10_000);
		long start = System.nanoTime();
		int status = 0;
		while (status != 200 && System.nanoTime() - start < 12_000_000_000L) {
			status = this.www.get("/").status();
			if (status != 200) {
				sleep(2_000);
			}
		}
		System.out.printf("e2e: served again %d s after the 10 s wait%n", (System.nanoTime() - start) / 1_000_000_000);
		assertThat(status).isEqualTo(200);
	}

}
