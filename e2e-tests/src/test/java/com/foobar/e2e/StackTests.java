package com.foobar.e2e;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Base of the end-to-end test classes: each class runs against a stack of its own,
 * started from scratch (no volumes) before its first test and removed after its last.
 * Tests run in {@code @Order}, so those that break parts of the stack can come last.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(LogsOnFailure.class)
abstract class StackTests {

	protected final Stack stack = new Stack();

	protected Www www;

	@BeforeAll
	void up() {
		this.stack.down(true);
		Instant start = Instant.now();
		this.stack.up();
		System.out.printf("e2e: %s: stack healthy after %d s (ports %d, %d)%n", getClass().getSimpleName(),
				Duration.between(start, Instant.now()).toSeconds(), this.stack.httpPort(), this.stack.httpsPort());
		this.www = new Www(this.stack.httpsPort(), Stack.CA_CERTIFICATE);
	}

	@AfterAll
	void down() {
		this.stack.down(true);
	}

	Stack stack() {
		return this.stack;
	}

	/**
	 * Repeats an action until its result is done, for at most 30 seconds; returns the
	 * last result.
	 */
	static <T> T eventually(Supplier<T> action, Predicate<T> done) {
		Instant deadline = Instant.now().plusSeconds(30);
		T result = action.get();
		while (!done.test(result) && Instant.now().isBefore(deadline)) {
			sleep(200);
			result = action.get();
		}
		return result;
	}

	static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** Reads an article from the replica, once replication has brought it there. */
	Www.Response readFromReplica(long id) {
		Www.Response read = eventually(() -> this.www.get("/api/articles/" + id),
				(r) -> r.status() == 200 && "replica".equals(r.header("X-Read-Source")));
		assertThat(read.status()).as(read.toString()).isEqualTo(200);
		assertThat(read.header("X-Read-Source")).isEqualTo("replica");
		return read;
	}

	static void assertProblem(Www.Response response, int status) {
		assertThat(response.status()).as(response.toString()).isEqualTo(status);
		assertThat(response.header("Content-Type")).startsWith("application/problem+json");
		assertThat(response.json().get("status").asInt()).isEqualTo(status);
		assertThat(response.body()).doesNotContain("Exception", "\tat ");
	}

}
