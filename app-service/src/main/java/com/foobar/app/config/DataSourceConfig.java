package com.foobar.app.config;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy;

/**
 * Read/write split: one Hikari pool per database server, joined by Spring's
 * {@link LazyConnectionDataSourceProxy}. The proxy hands out a connection handle and
 * takes a physical connection only at the first statement, by which time the transaction
 * manager has marked it read-only or not: read-only transactions go to the replica, all
 * else to the primary.
 */
@Configuration(proxyBeanMethods = false)
class DataSourceConfig {

	@Bean
	@ConfigurationProperties("foobar.datasource.primary")
	HikariDataSource primaryDataSource() {
		return new HikariDataSource();
	}

	@Bean
	@ConfigurationProperties("foobar.datasource.replica")
	HikariDataSource replicaDataSource() {
		return new HikariDataSource();
	}

	@Bean
	@Primary
	DataSource dataSource(@Qualifier("primaryDataSource") DataSource primary,
			@Qualifier("replicaDataSource") DataSource replica) {
		LazyConnectionDataSourceProxy routing = new LazyConnectionDataSourceProxy(
				new RoleRecordingDataSource(primary, DataSourceRole.PRIMARY));
		routing.setReadOnlyDataSource(new RoleRecordingDataSource(replica, DataSourceRole.REPLICA));
		return routing;
	}

}
