package com.foobar.e2e;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stack losing a part of itself: an app instance stopped, the whole stack taken down
 * and up again. Runs last, as it restarts what the other classes rely on.
 */
@Order(100)
class FailoverIntegrationTests extends StackTests {

	@Test
	@Order(1)
	void withApp1StoppedRequestsStillSucceed() {
		List<Articles.Result> answers = new ArrayList<>();
		this.stack.stop("app-1");
		try {
			for (int i = 0; i < 30; i++) {
				answers
					.add((i % 5 == 4) ? this.articles.create("without app-1 " + i, "still up") : this.articles.list());
			}
		}
		finally {
			this.stack.start("app-1");
		}
		Set<String> instances = new HashSet<>();
		List<Articles.Result> failed = new ArrayList<>();
		for (Articles.Result answer : answers) {
			instances.add(answer.header(Headers.APP_INSTANCE));
			if (answer.status() >= 400) {
				failed.add(answer);
			}
		}
		System.out.println("e2e: app-1 stopped: 30 requests, " + failed.size() + " failed, served by " + instances);
		assertThat(failed).isEmpty();
		assertThat(instances).containsExactly("app-2");
	}

	@Test
	@Order(2)
	void dataSurvivesDownAndUp() {
		long id = this.articles.created("Durable", "Kept in volumes").id();
		this.articles.readFromReplica(id);
		this.stack.down(false);
		this.stack.up();
		connect();
		Articles.Article read = this.articles.readFromReplica(id).article();
		assertThat(read.title()).isEqualTo("Durable");
		assertThat(read.body()).isEqualTo("Kept in volumes");
	}

}
