package com.foobar.e2e;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Base of the end-to-end test classes: every class runs against the one stack of the test
 * run ({@link SharedStack}) and leaves it whole. Tests run in {@code @Order}, so those
 * that break parts of the stack can come last.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith({ SharedStack.class, LogsOnFailure.class })
abstract class StackTests {

	protected Stack stack;

	protected Www www;

	protected Articles articles;

	@BeforeAll
	void connect(Stack stack) {
		this.stack = stack;
		connect();
	}

	/**
	 * A new client, on new connections: after the load balancer was recreated, the old
	 * ones lead nowhere.
	 */
	void connect() {
		this.www = new Www(this.stack.httpsPort(), Stack.CA_CERTIFICATE);
		this.articles = new Articles(this.www);
	}

	Stack stack() {
		return this.stack;
	}

	/**
	 * A tool the test needs: where it is missing, the test is skipped, but in CI
	 * ({@code CI=true}) it fails.
	 */
	static void requireTool(String tool, boolean present, String install) {
		if (!present) {
			assertThat(System.getenv("CI")).as(tool + " is missing (" + install + ")").isNotEqualTo("true");
			Assumptions.abort(tool + " not installed");
		}
	}

	static void assertProblem(Www.Response response, int status) {
		assertThat(response.status()).as(response.toString()).isEqualTo(status);
		assertThat(response.header(Headers.CONTENT_TYPE)).startsWith(Headers.PROBLEM_JSON);
		assertThat(response.json().get("status").asInt()).isEqualTo(status);
		assertThat(response.body()).doesNotContain("Exception", "\tat ");
	}

	static void assertProblem(Articles.Result result, int status) {
		assertProblem(result.response(), status);
	}

}
