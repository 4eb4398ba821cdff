package com.foobar.e2e;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The data tier under lag and failures, through the load balancer: read-your-writes with
 * a consistency token, reads leaving a lagging or dead replica, writes failing fast while
 * the primary is down, and no acknowledged write lost on the way.
 */
class DataTierIntegrationTests extends StackTests {

	private static final String TOKEN = "X-Consistency-Token";

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
		setReplicationDelay(2);
		try {
			int staleWithoutToken = 0;
			for (int i = 0; i < 10; i++) {
				long id = create("untokened " + i).json().get("id").asLong();
				if (this.www.get("/api/articles/" + id).status() != 200) {
					staleWithoutToken++;
				}
			}
			Cycles cycles = writeThenRead(200);
			System.out.printf(
					"e2e: replica delayed 2 s: 10 reads without a token, %d stale; 200 write-then-read cycles"
							+ " with it, %d stale, %d from the replica%n",
					staleWithoutToken, cycles.stale, cycles.fromReplica);
			assertThat(staleWithoutToken).as("the delay is real").isPositive();
			assertThat(cycles.stale).isZero();
		}
		finally {
			setReplicationDelay(0);
		}
	}

	@Test
	@Order(3)
	void withTheReplicaDownReadsGoToThePrimaryWithoutFailing() throws Exception {
		long id = create("read while the replica stops").json().get("id").asLong();
		readFromReplica(id);
		try (Reader reader = new Reader(this.www, "/api/articles/" + id)) {
			sleep(500);
			Instant stopped = Instant.now();
			this.stack.stop("db-replica");
			eventually(reader.lastSource::get, "primary"::equals);
			Instant onPrimary = reader.firstPrimary(stopped);
			sleep(3000);
			Instant restarted = Instant.now();
			this.stack.start("db-replica");
			Www.Response back = eventually(() -> this.www.get("/api/articles/" + id),
					(r) -> "replica".equals(r.header("X-Read-Source")));
			Duration recovery = Duration.between(restarted, Instant.now());
			reader.stop();
			System.out.printf(
					"e2e: replica stopped: %d reads, %d failed; first primary read %s after the stop"
							+ " began; reads back on the replica %d s after it was started%n",
					reader.reads.get(), reader.failures.size(),
					(onPrimary != null) ? Duration.between(stopped, onPrimary).toMillis() + " ms" : "never",
					recovery.toSeconds());
			assertThat(reader.failures).isEmpty();
			assertThat(onPrimary).isNotNull();
			assertThat(back.header("X-Read-Source")).isEqualTo("replica");
		}
	}

	@Test
	@Order(4)
	void withThePrimaryDownWritesFailFastAndReadsGoOn() {
		long id = create("read while the primary is down").json().get("id").asLong();
		readFromReplica(id);
		this.stack.stop("db-primary");
		try {
			sleep(2000);
			long slowest = 0;
			for (int i = 0; i < 5; i++) {
				Instant start = Instant.now();
				Www.Response refused = this.www.post("/api/articles", Map.of("title", "refused", "body", "down"));
				slowest = Math.max(slowest, Duration.between(start, Instant.now()).toMillis());
				assertProblem(refused, 503);
				assertThat(refused.header("Retry-After")).isNotBlank();
			}
			Set<String> webServers = new HashSet<>();
			for (int i = 0; i < 20; i++) {
				Www.Response read = this.www.get("/api/articles/" + id);
				assertThat(read.status()).as(read.toString()).isEqualTo(200);
				assertThat(read.header("X-Read-Source")).isEqualTo("replica");
				webServers.add(read.header("X-Served-By"));
			}
			System.out.printf("e2e: primary stopped: 5 writes answered 503 in at most %d ms; 20 reads 200 from the"
					+ " replica via %s%n", slowest, webServers);
			assertThat(slowest).isLessThan(2000);
			assertThat(webServers).containsExactlyInAnyOrder("web-1", "web-2");
		}
		finally {
			Instant restarted = Instant.now();
			this.stack.compose(120, "start", "db-primary");
			Www.Response write = eventually(
					() -> this.www.post("/api/articles", Map.of("title", "after the primary", "body", "is back")),
					(r) -> r.status() == 201);
			System.out.printf("e2e: primary restarted: writes succeed again %d s after the start command%n",
					Duration.between(restarted, Instant.now()).toSeconds());
			assertThat(write.status()).as(write.toString()).isEqualTo(201);
			this.acknowledged.add(write.json().get("id").asLong());
			assertThat(Duration.between(restarted, Instant.now())).isLessThan(Duration.ofSeconds(30));
		}
	}

	@Test
	@Order(5)
	void noAcknowledgedWriteIsLost() {
		int missing = 0;
		for (long id : this.acknowledged) {
			Www.Response read = eventually(() -> this.www.get("/api/articles/" + id), (r) -> r.status() == 200);
			if (read.status() != 200) {
				missing++;
			}
		}
		System.out.printf("e2e: %d acknowledged writes, %d missing after the failures%n", this.acknowledged.size(),
				missing);
		assertThat(this.acknowledged).hasSizeGreaterThan(200);
		assertThat(missing).isZero();
	}

	/**
	 * Alternately creates an article or edits the last one, and reads it back with the
	 * token.
	 */
	private Cycles writeThenRead(int count) {
		Cycles cycles = new Cycles();
		long id = 0;
		long version = 0;
		for (int i = 0; i < count; i++) {
			Www.Response written;
			if (i % 2 == 0) {
				written = create("cycle " + i);
				id = written.json().get("id").asLong();
			}
			else {
				written = this.www.send("PUT", "/api/articles/" + id,
						"{\"title\":\"cycle " + i + "\",\"body\":\"edited\"}",
						Map.of("Content-Type", "application/json", "If-Match", "\"" + version + "\""));
				assertThat(written.status()).as(written.toString()).isEqualTo(200);
			}
			version = written.json().get("version").asLong();
			String token = written.header(TOKEN);
			assertThat(token).as(written.toString()).isNotBlank();
			Www.Response read = this.www.send("GET", "/api/articles/" + id, null, Map.of(TOKEN, token));
			if (read.status() != 200 || read.json().get("version").asLong() != version) {
				cycles.stale++;
			}
			else if ("replica".equals(read.header("X-Read-Source"))) {
				cycles.fromReplica++;
			}
		}
		return cycles;
	}

	private Www.Response create(String title) {
		Www.Response created = this.www.post("/api/articles", Map.of("title", title, "body", "data tier"));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		this.acknowledged.add(created.json().get("id").asLong());
		return created;
	}

	private void setReplicationDelay(int seconds) {
		boolean mariadb = this.stack.exec("db-replica", ROOT + "'SELECT VERSION()' 2>/dev/null").contains("MariaDB");
		String change = mariadb ? "CHANGE MASTER TO MASTER_DELAY = " + seconds
				: "CHANGE REPLICATION SOURCE TO SOURCE_DELAY = " + seconds;
		this.stack.exec("db-replica", ROOT + "'STOP REPLICA; " + change + "; START REPLICA' 2>/dev/null");
	}

	private static final class Cycles {

		int stale;

		int fromReplica;

	}

	/** Reads one article over and over in the background, noting failures and sources. */
	private static final class Reader implements AutoCloseable {

		final AtomicInteger reads = new AtomicInteger();

		final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();

		final AtomicReference<String> lastSource = new AtomicReference<>();

		private final ConcurrentLinkedQueue<Instant> primaryReads = new ConcurrentLinkedQueue<>();

		private final AtomicBoolean running = new AtomicBoolean(true);

		private final Thread thread;

		Reader(Www www, String path) {
			this.thread = Thread.ofVirtual().start(() -> {
				Instant deadline = Instant.now().plusSeconds(120);
				while (this.running.get() && Instant.now().isBefore(deadline)) {
					Www.Response read;
					try {
						read = www.get(path);
					}
					catch (RuntimeException ex) {
						this.failures.add(ex.toString());
						continue;
					}
					finally {
						this.reads.incrementAndGet();
					}
					if (read.status() != 200) {
						this.failures.add(read.toString());
					}
					String source = read.header("X-Read-Source");
					this.lastSource.set(source);
					if ("primary".equals(source)) {
						this.primaryReads.add(Instant.now());
					}
					sleep(50);
				}
			});
		}

		Instant firstPrimary(Instant after) {
			return this.primaryReads.stream().filter((at) -> at.isAfter(after)).findFirst().orElse(null);
		}

		void stop() {
			this.running.set(false);
		}

		@Override
		public void close() throws InterruptedException {
			stop();
			this.thread.join(Duration.ofSeconds(40));
		}

	}

}
