package com.foobar.app.config;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * A pool seen through the routing proxy: notes which pool a transaction's connection came
 * from. It sits below {@code LazyConnectionDataSourceProxy}, so it is only asked for a
 * connection once the proxy has chosen the pool; it never fetches one early.
 */
final class RoleRecordingDataSource extends DelegatingDataSource {

	private final DataSourceRole role;

	RoleRecordingDataSource(DataSource pool, DataSourceRole role) {
		super(pool);
		this.role = role;
	}

	@Override
	public Connection getConnection() throws SQLException {
		Connection connection = super.getConnection();
		DataSourceRole.record(this.role);
		return connection;
	}

	@Override
	public Connection getConnection(String username, String password) throws SQLException {
		Connection connection = super.getConnection(username, password);
		DataSourceRole.record(this.role);
		return connection;
	}

}
