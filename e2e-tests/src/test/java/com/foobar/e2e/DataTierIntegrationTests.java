package com.foobar.e2e;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The data tier under lag and failures, through the load balancer: read-your-writes with
 * a consistency token, reads leaving a lagging or dead replica, writes failing fast while
 * the primary is down, and no acknowledged write lost on the way. Each fault is undone
 * before the test asserts; the class runs after those that need the stack undisturbed.
 */
@Order(90)
class DataTierIntegrationTests extends StackTests {

	private static final String ROOT = "mysql -uroot -p\"$(cat /run/secrets/DB_ROOT_PASSWORD)\" -N -e ";

	/** Every article a 201 acknowledged; the last test checks they all survived. */
	private final List<Long> acknowledged = new ArrayList<>();

	@Test
	@Order(1)
	void withoutLagClientsReadTheirWritesMostlyFromTheReplica() {
		Cycles cycles = writeThenRead(200);
		System.out.printf("e2e: no lag: 200 write-then-read cycles, %d stale, %d of 200 reads from the replica%n",
				cycles.stale, cycles.fromReplica);
		assertThat(cycles.stale).isZero();
		assertThat(cycles.fromReplica).isGreaterThanOrEqualTo(180);
	}

	@Test
	@Order(2)
	void withADelayedReplicaClientsStillReadTheirWrites() {
		int staleWithoutToken = 0;
		Cycles cycles;
		setReplicationDelay(2);
		try {
			for (int i = 0; i < 10; i++) {
				if (this.articles.read(create("untokened " + i).id()).status() != 200) {
					staleWithoutToken++;
				}
			}
			cycles = writeThenRead(200);
		}
		finally {
			setReplicationDelay(0);
		}
		System.out.printf(
				"e2e: replica delayed 2 s: 10 reads without a token, %d stale; 200 write-then-read cycles"
						+ " with it, %d stale, %d from the replica%n",
				staleWithoutToken, cycles.stale, cycles.fromReplica);
		assertThat(staleWithoutToken).as("the delay is real").isPositive();
		assertThat(cycles.stale).isZero();
	}

	@Test
	@Order(3)
	void withTheReplicaDownReadsGoToThePrimaryWithoutFailing() {
		long id = create("read while the replica stops").id();
		this.articles.readFromReplica(id);
		Instant stopped;
		Instant onPrimary;
		Instant restarted;
		Articles.Result back;
		try (Reader reader = new Reader(this.articles, id)) {
			await("the first background read").until(() -> reader.reads.get() > 0);
			stopped = Instant.now();
			this.stack.stop("db-replica");
			try {
				await("reads on the primary").atMost(Duration.ofSeconds(30))
					.until(() -> "primary".equals(reader.lastSource.get()));
				onPrimary = reader.firstPrimary(stopped);
				// Not a lucky read: they keep going to the primary while the
				// replica is away.
				await("40 reads on the primary").atMost(Duration.ofSeconds(30))
					.until(() -> reader.primaryReadsAfter(stopped) >= 40);
			}
			finally {
				restarted = Instant.now();
				this.stack.start("db-replica");
			}
			back = await("reads back on the replica").atMost(Duration.ofSeconds(30))
				.until(() -> this.articles.read(id), (read) -> "replica".equals(read.readSource()));
			reader.close();
			System.out.printf(
					"e2e: replica stopped: %d reads, %d failed; first primary read %s after the stop"
							+ " began; reads back on the replica %d s after it was started%n",
					reader.reads.get(), reader.failures.size(),
					(onPrimary != null) ? Duration.between(stopped, onPrimary).toMillis() + " ms" : "never",
					Duration.between(restarted, Instant.now()).toSeconds());
			assertThat(reader.failures).isEmpty();
		}
		assertThat(onPrimary).isNotNull();
		assertThat(back.readSource()).isEqualTo("replica");
	}

	@Test
	@Order(4)
	void withThePrimaryDownWritesFailFastAndReadsGoOn() {
		long id = create("read while the primary is down").id();
		this.articles.readFromReplica(id);
		List<Articles.Result> refused = new ArrayList<>();
		List<Articles.Result> reads = new ArrayList<>();
		long slowest = 0;
		Instant restarted;
		this.stack.stop("db-primary");
		try {
			// Once the app has seen the primary go, a write is refused at once.
			await("a write refused").atMost(Duration.ofSeconds(30))
				.until(() -> this.articles.create("refused", "down").status() == 503);
			for (int i = 0; i < 5; i++) {
				Instant start = Instant.now();
				refused.add(this.articles.create("refused", "down"));
				slowest = Math.max(slowest, Duration.between(start, Instant.now()).toMillis());
			}
			for (int i = 0; i < 20; i++) {
				reads.add(this.articles.read(id));
			}
		}
		finally {
			restarted = Instant.now();
			this.stack.compose(120, "start", "db-primary");
		}
		Articles.Result write = await("a write accepted again").atMost(Duration.ofSeconds(60))
			.until(() -> this.articles.create("after the primary", "is back"), (r) -> r.status() == 201);
		Duration writable = Duration.between(restarted, Instant.now());
		this.acknowledged.add(write.id());
		Set<String> webServers = new HashSet<>();
		reads.forEach((read) -> webServers.add(read.header(Headers.SERVED_BY)));
		System.out.printf("e2e: primary stopped: 5 writes answered 503 in at most %d ms; 20 reads via %s; writes"
				+ " succeed again %d s after the start command%n", slowest, webServers, writable.toSeconds());
		for (Articles.Result answer : refused) {
			assertProblem(answer, 503);
			assertThat(answer.header(Headers.RETRY_AFTER)).isNotBlank();
		}
		for (Articles.Result read : reads) {
			assertThat(read.status()).as(read.toString()).isEqualTo(200);
			assertThat(read.readSource()).isEqualTo("replica");
		}
		assertThat(slowest).isLessThan(2000);
		assertThat(webServers).containsExactlyInAnyOrder("web-1", "web-2");
		assertThat(writable).isLessThan(Duration.ofSeconds(30));
	}

	@Test
	@Order(5)
	void noAcknowledgedWriteIsLost() {
		List<Long> missing = new ArrayList<>();
		for (long id : this.acknowledged) {
			try {
				await().atMost(Duration.ofSeconds(30)).until(() -> this.articles.read(id).status() == 200);
			}
			catch (org.awaitility.core.ConditionTimeoutException ex) {
				missing.add(id);
			}
		}
		System.out.printf("e2e: %d acknowledged writes, %d missing after the failures%n", this.acknowledged.size(),
				missing.size());
		assertThat(this.acknowledged).hasSizeGreaterThan(200);
		assertThat(missing).isEmpty();
	}

	/**
	 * Alternately creates an article or edits the last one, and reads it back with the
	 * token.
	 */
	private Cycles writeThenRead(int count) {
		Cycles cycles = new Cycles();
		Articles.Article article = null;
		for (int i = 0; i < count; i++) {
			Articles.Result written;
			if (i % 2 == 0) {
				written = create("cycle " + i);
			}
			else {
				written = this.articles.update(article.id(), article.version(), "cycle " + i, "edited");
				assertThat(written.status()).as(written.toString()).isEqualTo(200);
			}
			article = written.article();
			assertThat(written.token()).as(written.toString()).isNotBlank();
			Articles.Result read = this.articles.read(article.id(), written.token());
			if (read.status() != 200 || read.article().version() != article.version()) {
				cycles.stale++;
			}
			else if ("replica".equals(read.readSource())) {
				cycles.fromReplica++;
			}
		}
		return cycles;
	}

	private Articles.Result create(String title) {
		Articles.Result created = this.articles.create(title, "data tier");
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		this.acknowledged.add(created.id());
		return created;
	}

	private void setReplicationDelay(int seconds) {
		String change = "CHANGE REPLICATION SOURCE TO SOURCE_DELAY = " + seconds;
		this.stack.exec("db-replica", ROOT + "'STOP REPLICA; " + change + "; START REPLICA' 2>/dev/null");
	}

	private static final class Cycles {

		int stale;

		int fromReplica;

	}

	/** Reads one article every 50 ms in the background, noting failures and sources. */
	private static final class Reader implements AutoCloseable {

		final AtomicInteger reads = new AtomicInteger();

		final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();

		final AtomicReference<String> lastSource = new AtomicReference<>();

		private final ConcurrentLinkedQueue<Instant> primaryReads = new ConcurrentLinkedQueue<>();

		private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();

		Reader(Articles articles, long id) {
			this.executor.scheduleWithFixedDelay(() -> read(articles, id), 0, 50, TimeUnit.MILLISECONDS);
		}

		private void read(Articles articles, long id) {
			Articles.Result read;
			try {
				read = articles.read(id);
			}
			catch (RuntimeException ex) {
				this.failures.add(ex.toString());
				return;
			}
			finally {
				this.reads.incrementAndGet();
			}
			if (read.status() != 200) {
				this.failures.add(read.toString());
			}
			this.lastSource.set(read.readSource());
			if ("primary".equals(read.readSource())) {
				this.primaryReads.add(Instant.now());
			}
		}

		Instant firstPrimary(Instant after) {
			return this.primaryReads.stream().filter((at) -> at.isAfter(after)).findFirst().orElse(null);
		}

		long primaryReadsAfter(Instant after) {
			return this.primaryReads.stream().filter((at) -> at.isAfter(after)).count();
		}

		@Override
		public void close() {
			this.executor.shutdownNow();
			try {
				this.executor.awaitTermination(40, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

	}

}
