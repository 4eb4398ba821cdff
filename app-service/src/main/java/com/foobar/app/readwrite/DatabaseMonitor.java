package com.foobar.app.readwrite;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import javax.sql.DataSource;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Watches both database servers, once a second: whether the primary answers, and whether
 * the replica answers, replicates (both replication threads running) and stays within the
 * lag bound. {@link ReadRouter} and {@link FailFastDataSource} act on what it last saw.
 * <p>
 * The replica's state comes from {@code SHOW REPLICA STATUS}.
 */
class DatabaseMonitor {

	private static final Log log = LogFactory.getLog(DatabaseMonitor.class);

	private final JdbcTemplate primary;

	private final JdbcTemplate replica;

	private final Duration maxLag;

	private final AtomicReference<Boolean> primaryUp = new AtomicReference<>(true);

	private final AtomicReference<ReplicaState> replicaState = new AtomicReference<>(ReplicaState.UNKNOWN);

	DatabaseMonitor(DataSource primary, DataSource replica, ConsistencyProperties consistency, MeterRegistry meters) {
		this.primary = probe(primary, consistency.probeTimeout());
		this.replica = probe(replica, consistency.probeTimeout());
		this.maxLag = consistency.maxLag();
		Gauge.builder("foobar.db.primary.up", () -> primaryUp() ? 1 : 0)
			.description("1 while the primary answers")
			.register(meters);
		Gauge.builder("foobar.db.replica.usable", () -> replicaUsable() ? 1 : 0)
			.description("1 while reads may use the replica: reachable, replicating, within the lag bound")
			.register(meters);
		Gauge.builder("foobar.db.replica.lag", () -> {
			Long lag = this.replicaState.get().lagSeconds();
			return (lag != null) ? lag : Double.NaN;
		}).baseUnit("seconds").description("Replication lag the replica reports").register(meters);
	}

	private static JdbcTemplate probe(DataSource dataSource, Duration timeout) {
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		jdbc.setQueryTimeout((int) Math.max(1, timeout.toSeconds()));
		return jdbc;
	}

	@Scheduled(fixedDelayString = "${foobar.consistency.monitor-interval}")
	void check() {
		checkPrimary();
		checkReplica();
	}

	void checkPrimary() {
		boolean up;
		try {
			// A protocol ping, not a query: no trace in the statement counters.
			up = Boolean.TRUE.equals(this.primary.execute((Connection connection) -> connection.isValid(1)));
		}
		catch (RuntimeException ex) {
			up = false;
		}
		if (this.primaryUp.getAndSet(up) != up) {
			log.warn(up ? "Primary is back: writes resume" : "Primary unreachable: writes fail fast with 503");
		}
	}

	void checkReplica() {
		ReplicaState state;
		try {
			state = this.replica.query("SHOW REPLICA STATUS", (rows) -> {
				if (!rows.next()) {
					return ReplicaState.problem("not configured as a replica");
				}
				Map<String, Object> row = new java.util.HashMap<>();
				for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
					row.put(rows.getMetaData().getColumnLabel(i).toLowerCase(Locale.ROOT), rows.getObject(i));
				}
				return ReplicaState.of(row, this.maxLag);
			});
		}
		catch (RuntimeException ex) {
			state = ReplicaState.problem("cannot read its replication status: " + ConnectionFailures.describe(ex));
		}
		ReplicaState previous = this.replicaState.getAndSet(state);
		if (previous.usable() != state.usable()) {
			log.warn(state.usable() ? "Replica usable again: reads return to it"
					: "Replica not usable (" + state.problem() + "): reads go to the primary");
		}
	}

	/** Called when a replica connection fails during a request, before the next check. */
	void replicaFailed(Throwable ex) {
		this.replicaState.set(ReplicaState.problem("unreachable: " + ConnectionFailures.describe(ex)));
	}

	boolean primaryUp() {
		return this.primaryUp.get();
	}

	boolean replicaUsable() {
		return this.replicaState.get().usable();
	}

	ReplicaState replicaState() {
		return this.replicaState.get();
	}

	/** What the last check saw of the replica. */
	record ReplicaState(boolean usable, Boolean ioRunning, Boolean sqlRunning, Long lagSeconds, String problem,
			Instant checkedAt) {

		static final ReplicaState UNKNOWN = new ReplicaState(true, null, null, null, null, Instant.EPOCH);

		static ReplicaState problem(String problem) {
			return new ReplicaState(false, null, null, null, problem, Instant.now());
		}

		static ReplicaState of(Map<String, Object> row, Duration maxLag) {
			boolean io = "yes".equalsIgnoreCase(column(row, "replica_io_running"));
			boolean sql = "yes".equalsIgnoreCase(column(row, "replica_sql_running"));
			String lagText = column(row, "seconds_behind_source");
			Long lag = (lagText != null) ? Long.valueOf(lagText) : null;
			String problem = null;
			if (!io || !sql) {
				String error = !io ? column(row, "last_io_error") : column(row, "last_sql_error");
				problem = "replication stopped (io " + (io ? "running" : "stopped") + ", sql "
						+ (sql ? "running" : "stopped") + ")"
						+ ((error != null && !error.isEmpty()) ? ": " + error : "");
			}
			else if (lag == null || lag > maxLag.toSeconds()) {
				problem = "lagging " + ((lag != null) ? lag + " s" : "an unknown time") + ", bound "
						+ maxLag.toSeconds() + " s";
			}
			return new ReplicaState(problem == null, io, sql, lag, problem, Instant.now());
		}

		private static String column(Map<String, Object> row, String name) {
			Object value = row.get(name);
			return (value != null) ? value.toString() : null;
		}

	}

}
