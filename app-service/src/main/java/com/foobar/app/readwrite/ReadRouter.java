package com.foobar.app.readwrite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.datasource.AbstractDataSource;

/**
 * The DataSource behind read-only transactions: the replica when it can serve the read,
 * otherwise the primary.
 * <ul>
 * <li>The replica is skipped while {@link DatabaseMonitor} sees it unreachable, not
 * replicating or lagging beyond the bound, unless the primary is down too (a possibly
 * stale read beats none).</li>
 * <li>When the request carries a {@link ConsistencyToken}, the replica connection first
 * waits (up to {@code max-wait}) for the token's GTID; if it does not get there, the read
 * goes to the primary. The wait runs on the very connection the read will use. A token
 * without a GTID sends the read to the primary at once.</li>
 * <li>When taking a replica connection fails, the read goes to the primary at once.</li>
 * </ul>
 * Spring's {@code AbstractRoutingDataSource} picks a target before connecting; this one
 * must try the replica's connection and fall back, hence a small DataSource of its own.
 */
final class ReadRouter extends AbstractDataSource {

	static final String READ_SOURCE_HEADER = "X-Read-Source";

	private static final String WAIT_FOR_GTID = "SELECT WAIT_FOR_EXECUTED_GTID_SET(?, ?)";

	private static final ThreadLocal<DataSourceRole> lastServed = new ThreadLocal<>();

	private static final ThreadLocal<Boolean> avoidReplica = new ThreadLocal<>();

	private final DataSource primary;

	private final DataSource replica;

	private final DatabaseMonitor monitor;

	private final double maxWaitSeconds;

	private final MeterRegistry meters;

	ReadRouter(DataSource primary, DataSource replica, DatabaseMonitor monitor, Duration maxWait,
			MeterRegistry meters) {
		this.primary = primary;
		this.replica = replica;
		this.monitor = monitor;
		this.maxWaitSeconds = maxWait.toMillis() / 1000.0;
		this.meters = meters;
	}

	@Override
	public Connection getConnection() throws SQLException {
		if (avoidingReplica() && this.monitor.primaryUp()) {
			fallback("retry-on-primary");
		}
		else if (this.monitor.replicaUsable() || !this.monitor.primaryUp()) {
			Connection connection = replicaConnection();
			if (connection != null) {
				return served(connection, DataSourceRole.REPLICA);
			}
		}
		else {
			fallback("replica-unusable");
		}
		return served(this.primary.getConnection(), DataSourceRole.PRIMARY);
	}

	@Override
	public Connection getConnection(String username, String password) throws SQLException {
		throw new SQLException("The pools hold the credentials");
	}

	/** A replica connection that may serve this read, or null. */
	private @Nullable Connection replicaConnection() {
		ConsistencyToken token = ConsistencyToken.current();
		if (token != null && token.readsFromPrimary() && this.monitor.primaryUp()) {
			fallback("token-primary");
			return null;
		}
		Connection connection;
		try {
			connection = this.replica.getConnection();
		}
		catch (SQLException ex) {
			this.monitor.replicaFailed(ex);
			fallback("replica-down");
			return null;
		}
		try {
			// A stale read from the replica beats no read while the primary is down.
			if (token == null || token.readsFromPrimary() || caughtUp(connection, token) || !this.monitor.primaryUp()) {
				return connection;
			}
			fallback("replica-behind-token");
		}
		catch (SQLException ex) {
			this.monitor.replicaFailed(ex);
			fallback("replica-down");
		}
		try {
			connection.close();
		}
		catch (SQLException ex) {
			// Returned to the pool or discarded by it: nothing else to do.
		}
		return null;
	}

	private boolean caughtUp(Connection connection, ConsistencyToken token) throws SQLException {
		long start = System.nanoTime();
		boolean caughtUp;
		try (PreparedStatement wait = connection.prepareStatement(WAIT_FOR_GTID)) {
			wait.setString(1, token.gtid());
			wait.setDouble(2, this.maxWaitSeconds);
			try (ResultSet result = wait.executeQuery()) {
				caughtUp = result.next() && result.getInt(1) == 0;
			}
		}
		this.meters.timer("foobar.consistency.wait", "outcome", caughtUp ? "caught-up" : "timed-out")
			.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
		return caughtUp;
	}

	/**
	 * Sends this thread's reads to the primary while it retries a failed replica read
	 * ({@link ReplicaRetry}).
	 */
	static void avoidReplica(boolean avoid) {
		if (avoid) {
			avoidReplica.set(Boolean.TRUE);
		}
		else {
			avoidReplica.remove();
		}
	}

	static boolean avoidingReplica() {
		return avoidReplica.get() != null;
	}

	/** Whether this thread's last read connection came from the replica. */
	static boolean lastServedFromReplica() {
		return lastServed.get() == DataSourceRole.REPLICA;
	}

	static void forgetLastServed() {
		lastServed.remove();
	}

	/** Records which server serves this read: transaction, metric and response header. */
	private Connection served(Connection connection, DataSourceRole role) {
		DataSourceRole.record(role);
		lastServed.set(role);
		this.meters.counter("foobar.reads", "source", role.label()).increment();
		HttpServletResponse response = CurrentResponse.get();
		if (response != null && !response.isCommitted()) {
			response.setHeader(READ_SOURCE_HEADER, role.label());
		}
		return connection;
	}

	private void fallback(String reason) {
		this.meters.counter("foobar.reads.fallback", "reason", reason).increment();
	}

}
