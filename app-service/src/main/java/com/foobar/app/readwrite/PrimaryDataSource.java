package com.foobar.app.readwrite;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The primary, as writes (and reads that cannot use the replica) see it.
 * <ul>
 * <li>While {@link DatabaseMonitor} sees the primary down, taking a connection fails at
 * once (503 with Retry-After) instead of holding a request thread for the pool's timeout;
 * the pool's own timeout still bounds the moments before the monitor notices.</li>
 * <li>For a read-write transaction it listens for the GTID the server gives the
 * transaction's commit ({@link OwnGtid}) and, once committed, hands it to
 * {@link WriteTokens} for the client.</li>
 * </ul>
 */
final class PrimaryDataSource extends DelegatingDataSource {

	private final DatabaseMonitor monitor;

	private final WriteTokens writeTokens;

	PrimaryDataSource(DataSource primary, DatabaseMonitor monitor, WriteTokens writeTokens) {
		super(primary);
		this.monitor = monitor;
		this.writeTokens = writeTokens;
	}

	@Override
	public Connection getConnection() throws SQLException {
		if (!this.monitor.primaryUp()) {
			throw new SQLTransientConnectionException("The primary database is unreachable");
		}
		Connection connection = super.getConnection();
		DataSourceRole.record(DataSourceRole.PRIMARY);
		if (TransactionSynchronizationManager.isSynchronizationActive()
				&& !TransactionSynchronizationManager.isCurrentTransactionReadOnly()) {
			OwnGtid.listenTo(connection);
			TransactionSynchronizationManager.registerSynchronization(new IssueTokenOnCommit(this.writeTokens));
		}
		return connection;
	}

	private record IssueTokenOnCommit(WriteTokens writeTokens) implements TransactionSynchronization {

		@Override
		public void afterCommit() {
			this.writeTokens.issue(OwnGtid.take());
		}

		@Override
		public void afterCompletion(int status) {
			OwnGtid.take();
		}

	}

}
