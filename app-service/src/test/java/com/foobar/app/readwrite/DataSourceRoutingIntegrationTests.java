package com.foobar.app.readwrite;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import com.foobar.app.AbstractIntegrationTests;
import com.foobar.app.HttpTestClient;
import com.foobar.app.ReplicatedDatabases;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static com.foobar.app.ReplicatedDatabases.primary;
import static com.foobar.app.ReplicatedDatabases.replica;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Proves the read/write split on the server side: which server ({@code @@server_id},
 * statement counters, binary log) ran what the app sent.
 */
class DataSourceRoutingIntegrationTests extends AbstractIntegrationTests {

	private static final int PRIMARY_ID = 1;

	private static final int REPLICA_ID = 2;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private PlatformTransactionManager transactionManager;

	@Autowired
	private MeterRegistry meters;

	@Autowired
	private List<HikariDataSource> pools;

	@LocalServerPort
	private int port;

	@Test
	void readOnlyTransactionsAreServedByTheReplica() {
		TransactionTemplate readOnly = new TransactionTemplate(this.transactionManager);
		readOnly.setReadOnly(true);
		List<Object> seen = readOnly.execute((status) -> List
			.of(this.jdbc.queryForObject("SELECT @@server_id", Integer.class), DataSourceRole.ofCurrentTransaction()));
		assertThat(seen).containsExactly(REPLICA_ID, DataSourceRole.REPLICA);
	}

	@Test
	void readWriteTransactionsAreServedByThePrimary() {
		TransactionTemplate readWrite = new TransactionTemplate(this.transactionManager);
		List<Object> seen = readWrite.execute((status) -> List
			.of(this.jdbc.queryForObject("SELECT @@server_id", Integer.class), DataSourceRole.ofCurrentTransaction()));
		assertThat(seen).containsExactly(PRIMARY_ID, DataSourceRole.PRIMARY);
	}

	@Test
	void apiWritesRunOnThePrimaryAndApiReadsOnTheReplica() throws Exception {
		HttpTestClient http = new HttpTestClient(this.port);
		int writes = 5;
		int reads = 20;
		long[] before = { statusCounter(primary, "Com_insert"), statusCounter(replica, "Com_insert") };
		List<Long> ids = new ArrayList<>();
		for (int i = 0; i < writes; i++) {
			HttpTestClient.Response created = http.postJson("/api/articles",
					HttpTestClient.articleJson("routing " + i, "written through the API"));
			assertThat(created.status()).isEqualTo(201);
			ids.add(created.json().get("id").asLong());
		}
		long insertsOnPrimary = statusCounter(primary, "Com_insert") - before[0];
		long insertsOnReplica = statusCounter(replica, "Com_insert") - before[1];
		assertThat(insertsOnPrimary).isEqualTo(writes);
		await("the new rows", () -> countOnReplica(ids.getLast()) == 1);

		// A new connection runs SELECTs of its own: fill the pools before counting.
		for (HikariDataSource pool : this.pools) {
			await("a full " + pool.getPoolName() + " pool",
					() -> pool.getHikariPoolMXBean().getTotalConnections() == pool.getMaximumPoolSize());
		}
		double replicaReadsBefore = readCounter("replica");
		// One connection per server for the counters (opening one runs SELECTs).
		try (Connection onPrimary = ReplicatedDatabases.rootConnection(primary);
				Connection onReplica = ReplicatedDatabases.rootConnection(replica)) {
			long selectsOnPrimary = statusCounter(onPrimary, "Com_select");
			long selectsOnReplica = statusCounter(onReplica, "Com_select");
			for (int i = 0; i < reads; i++) {
				HttpTestClient.Response read = http.get("/api/articles/" + ids.get(i % writes));
				assertThat(read.status()).isEqualTo(200);
				assertThat(read.header("X-Read-Source")).isEqualTo("replica");
			}
			long primarySelects = statusCounter(onPrimary, "Com_select") - selectsOnPrimary;
			long replicaSelects = statusCounter(onReplica, "Com_select") - selectsOnReplica;
			System.out.printf(
					"routing: %d API writes -> Com_insert primary(server_id %d)=%d, replica(server_id %d)=%d"
							+ " (applied by replication); %d API reads -> Com_select primary=%d, replica=%d%n",
					writes, PRIMARY_ID, insertsOnPrimary, REPLICA_ID, insertsOnReplica, reads, primarySelects,
					replicaSelects);
			assertThat(replicaSelects).isEqualTo(reads);
			assertThat(primarySelects).isZero();
		}
		assertThat(readCounter("replica") - replicaReadsBefore).isEqualTo(reads);
	}

	@Test
	void whenReplicationStopsReadsMoveToThePrimaryAndComeBack() throws Exception {
		HttpTestClient http = new HttpTestClient(this.port);
		execute(replica, "STOP REPLICA");
		try {
			HttpTestClient.Response created = http.postJson("/api/articles",
					HttpTestClient.articleJson("unreplicated", "only the primary has this"));
			assertThat(created.status()).isEqualTo(201);
			long id = created.json().get("id").asLong();
			assertThat(countOnReplica(id)).isZero();
			// The monitor notices within a second or two; then reads see the primary.
			await("reads from the primary",
					() -> "primary".equals(http.get("/api/articles/" + id).header("X-Read-Source")));
			assertThat(http.get("/api/articles/" + id).status()).isEqualTo(200);
			HttpTestClient.Response health = http.get("/actuator/health");
			assertThat(health.json().at("/components/replication/status").asString()).isEqualTo("DOWN");
			assertThat(health.json().at("/components/replication/details/problem").asString())
				.contains("replication stopped");
			execute(replica, "START REPLICA");
			await("the article after replication restarts", () -> countOnReplica(id) == 1);
			await("reads back on the replica",
					() -> "replica".equals(http.get("/api/articles/" + id).header("X-Read-Source")));
		}
		finally {
			execute(replica, "START REPLICA");
		}
	}

	@Test
	void aDelayedReplicaStillShowsClientsTheirOwnWrites() throws Exception {
		HttpTestClient http = new HttpTestClient(this.port);
		setReplicationDelay(2);
		try {
			int stale = 0;
			int staleWithoutToken = 0;
			for (int i = 0; i < 10; i++) {
				HttpTestClient.Response created = http.postJson("/api/articles",
						HttpTestClient.articleJson("delayed " + i, "read your writes"));
				String token = created.header(ConsistencyToken.HEADER);
				assertThat(token).isNotBlank();
				String path = "/api/articles/" + created.json().get("id").asLong();
				if (http.get(path).status() != 200) {
					staleWithoutToken++;
				}
				HttpTestClient.Response read = http.send("GET", path, null, Map.of(ConsistencyToken.HEADER, token));
				if (read.status() != 200) {
					stale++;
				}
			}
			System.out.printf("consistency: replica delayed 2 s, 10 write-then-read cycles: %d stale with the token,"
					+ " %d stale without%n", stale, staleWithoutToken);
			assertThat(stale).isZero();
			assertThat(staleWithoutToken).as("the delay is real").isPositive();
		}
		finally {
			setReplicationDelay(0);
		}
	}

	private static void setReplicationDelay(int seconds) throws SQLException {
		execute(replica, "STOP REPLICA");
		execute(replica, "CHANGE REPLICATION SOURCE TO SOURCE_DELAY = " + seconds);
		execute(replica, "START REPLICA");
	}

	@Test
	void eachWritesTokenNamesItsOwnTransaction() throws Exception {
		HttpTestClient clientA = new HttpTestClient(this.port);
		HttpTestClient clientB = new HttpTestClient(this.port);
		HttpTestClient.Response writeA = clientA.postJson("/api/articles",
				HttpTestClient.articleJson("client A", "first"));
		String tokenA = writeA.header(ConsistencyToken.HEADER);
		String gtidA = ConsistencyToken.decode(tokenA).orElseThrow().gtid();
		assertThat(gtidA).startsWith(row(primary, "SELECT @@server_uuid").get(0) + ":");
		assertThat(row(replica, "SELECT WAIT_FOR_EXECUTED_GTID_SET('" + gtidA + "', 10)").get(0)).isEqualTo("0");
		HttpTestClient.Response writeB;
		HttpTestClient.Response readA;
		HttpTestClient.Response readB;
		// A read lock on the replica lets reads through but holds the applier back: the
		// replica has A's write and cannot apply B's.
		try (Connection lock = ReplicatedDatabases.rootConnection(replica);
				Statement statement = lock.createStatement()) {
			statement.execute("LOCK TABLES article READ");
			writeB = clientB.postJson("/api/articles", HttpTestClient.articleJson("client B", "second"));
			readA = clientA.send("GET", "/api/articles/" + writeA.json().get("id").asLong(), null,
					Map.of(ConsistencyToken.HEADER, tokenA));
			readB = clientB.send("GET", "/api/articles/" + writeB.json().get("id").asLong(), null,
					Map.of(ConsistencyToken.HEADER, writeB.header(ConsistencyToken.HEADER)));
			statement.execute("UNLOCK TABLES");
		}
		String gtidB = ConsistencyToken.decode(writeB.header(ConsistencyToken.HEADER)).orElseThrow().gtid();
		assertThat(gtidB).isNotEqualTo(gtidA);
		// A's token needs only A's transaction, which the replica has: no wait for B's.
		assertThat(readA.status()).isEqualTo(200);
		assertThat(readA.header("X-Read-Source")).isEqualTo("replica");
		// B's transaction is not on the replica: its token read goes to the primary.
		assertThat(readB.status()).isEqualTo(200);
		assertThat(readB.header("X-Read-Source")).isEqualTo("primary");
	}

	@Test
	void theReplicaRefusesWritesFromTheAppUser() throws SQLException {
		try (Connection connection = ReplicatedDatabases.connect(replica, "foobar_app",
				ReplicatedDatabases.appPassword()); Statement statement = connection.createStatement()) {
			assertThatExceptionOfType(SQLException.class)
				.isThrownBy(() -> statement.executeUpdate("INSERT INTO article (title, body, version, created_at,"
						+ " updated_at) VALUES ('x', 'y', 0, NOW(6), NOW(6))"))
				.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo(1290))
				.withMessageContaining("read-only");
		}
	}

	@Test
	void theAppUserCannotChangeTheSchema() throws SQLException {
		try (Connection connection = ReplicatedDatabases.connect(primary, "foobar_app",
				ReplicatedDatabases.appPassword()); Statement statement = connection.createStatement()) {
			assertThatExceptionOfType(SQLException.class)
				.isThrownBy(() -> statement.execute("CREATE TABLE intruder (id INT)"))
				.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo(1142));
		}
	}

	@Test
	void theAppUserCanOnlyReadAndWriteRowsOfItsOwnSchema() throws SQLException {
		try (Connection connection = ReplicatedDatabases.connect(primary, "foobar_app",
				ReplicatedDatabases.appPassword()); Statement statement = connection.createStatement()) {
			// Its grants: row reads and writes on the foobar schema, and reading the
			// replication status (DatabaseMonitor); nothing else.
			List<String> grants = new ArrayList<>();
			try (ResultSet rows = statement.executeQuery("SHOW GRANTS FOR CURRENT_USER()")) {
				while (rows.next()) {
					grants.add(rows.getString(1));
				}
			}
			assertThat(grants).hasSize(2)
				.anyMatch((grant) -> grant.matches("GRANT REPLICATION CLIENT ON \\*\\.\\* TO .*"))
				.anyMatch((grant) -> grant.startsWith("GRANT SELECT, INSERT, UPDATE, DELETE ON `foobar`.* TO"))
				.noneMatch((grant) -> grant.contains("WITH GRANT OPTION"));
			// No DDL, no GRANT, no other schemas, no files, no server administration.
			for (String sql : List.of("DROP TABLE article", "ALTER TABLE article ADD COLUMN x INT",
					"TRUNCATE TABLE article", "CREATE DATABASE intruder", "GRANT SELECT ON foobar.* TO foobar_repl@'%'",
					"CREATE USER intruder@'%' IDENTIFIED BY 'x'", "SELECT user, authentication_string FROM mysql.user",
					"SELECT * FROM flyway_schema_history INTO OUTFILE '/tmp/intruder'", "SET GLOBAL read_only = 1",
					"SHUTDOWN")) {
				assertThatExceptionOfType(SQLException.class).as(sql)
					.isThrownBy(() -> statement.execute(sql))
					.withMessageContaining("denied");
			}
			try (ResultSet rows = statement.executeQuery("SELECT LOAD_FILE('/etc/passwd')")) {
				assertThat(rows.next()).isTrue();
				assertThat(rows.getString(1)).isNull();
			}
		}
	}

	@Test
	void flywayMigratedOnceOnThePrimaryAndTheReplicaGotItByReplication() throws SQLException {
		String history = "SELECT COUNT(*), MIN(installed_by), MIN(installed_on) FROM flyway_schema_history"
				+ " WHERE success = 1";
		List<String> onPrimary = row(primary, history);
		List<String> onReplica = row(replica, history);
		assertThat(onPrimary.get(0)).isEqualTo("1");
		assertThat(onPrimary.get(1)).isEqualTo("foobar_migrator");
		assertThat(onReplica).isEqualTo(onPrimary);
		assertThat(binlogStatements(primary)).anyMatch((info) -> info.contains("CREATE TABLE article"));
	}

	private double readCounter(String source) {
		var counter = this.meters.find("foobar.reads").tag("source", source).counter();
		return (counter != null) ? counter.count() : 0;
	}

	private static long statusCounter(GenericContainer<?> server, String name) throws SQLException {
		try (Connection connection = ReplicatedDatabases.rootConnection(server)) {
			return statusCounter(connection, name);
		}
	}

	private static long statusCounter(Connection connection, String name) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SHOW GLOBAL STATUS LIKE '" + name + "'")) {
			assertThat(rows.next()).isTrue();
			return rows.getLong(2);
		}
	}

	private static long countOnReplica(long id) {
		try {
			return Long.parseLong(row(replica, "SELECT COUNT(*) FROM article WHERE id = " + id).get(0));
		}
		catch (SQLException ex) {
			return -1;
		}
	}

	private static void await(String what, BooleanSupplier condition) throws InterruptedException {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
		while (!condition.getAsBoolean()) {
			assertThat(Instant.now()).as("waited for " + what).isBefore(deadline);
			Thread.sleep(100);
		}
	}

	private static void execute(GenericContainer<?> server, String sql) throws SQLException {
		try (Connection connection = ReplicatedDatabases.rootConnection(server);
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	private static List<String> row(GenericContainer<?> server, String sql) throws SQLException {
		try (Connection connection = ReplicatedDatabases.rootConnection(server);
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery(sql)) {
			assertThat(rows.next()).as(sql).isTrue();
			List<String> values = new ArrayList<>();
			for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
				values.add(rows.getString(i));
			}
			return values;
		}
	}

	private static List<String> binlogStatements(GenericContainer<?> server) throws SQLException {
		List<String> statements = new ArrayList<>();
		try (Connection connection = ReplicatedDatabases.rootConnection(server);
				Statement statement = connection.createStatement()) {
			List<String> files = new ArrayList<>();
			try (ResultSet logs = statement.executeQuery("SHOW BINARY LOGS")) {
				while (logs.next()) {
					files.add(logs.getString(1));
				}
			}
			for (String file : files) {
				try (ResultSet events = statement.executeQuery("SHOW BINLOG EVENTS IN '" + file + "'")) {
					while (events.next()) {
						statements.add(events.getString("Info"));
					}
				}
			}
		}
		return statements;
	}

}
