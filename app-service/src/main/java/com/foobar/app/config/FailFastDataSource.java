package com.foobar.app.config;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * The primary as seen by writes: while {@link DatabaseMonitor} sees it down, a write
 * fails at once (503 with Retry-After) instead of holding a request thread for the pool's
 * connection timeout. The pool's own timeout still bounds the moments before the monitor
 * notices.
 */
final class FailFastDataSource extends DelegatingDataSource {

	private final DatabaseMonitor monitor;

	FailFastDataSource(DataSource primary, DatabaseMonitor monitor) {
		super(primary);
		this.monitor = monitor;
	}

	@Override
	public Connection getConnection() throws SQLException {
		if (!this.monitor.primaryUp()) {
			throw new SQLTransientConnectionException("The primary database is unreachable");
		}
		Connection connection = super.getConnection();
		DataSourceRole.record(DataSourceRole.PRIMARY);
		return connection;
	}

}
